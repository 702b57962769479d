<#import "/signature.ftl" as s>
<#if name?has_content>${msg("email.greeting.named", name)}<#else>${msg("email.greeting")}</#if>

${msg("email.confirmation.thanks", reference)}
<#if services?has_content>

${msg("email.confirmation.services")}
<#list services as service>
- ${service}
</#list>
</#if>

<#if chooseUrl?has_content>
${msg("email.confirmation.choose")}

${chooseUrl}

${msg("email.confirmation.forward")}
<#else>
${msg("email.confirmation.contact", msg("email.contactMethod." + (contactMethod == "phone")?then("phone", "email")))}
</#if>
<@s.end footer=msg("email.footer.homeowner", msg("email.site"))/>
