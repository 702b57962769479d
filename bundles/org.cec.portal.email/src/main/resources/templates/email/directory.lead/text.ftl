<#import "/signature.ftl" as s>
${msg("email.greeting.named", businessName)}

${msg("email.lead.intro", msg("email.site"))}

<#list fields as field>
<#if field == "services">
${msg("email.lead.field.services")}: ${services?join(", ")}
<#elseif field == "contactMethod">
${msg("email.lead.field.contactMethod")}: ${msg("email.contactMethod." + (contactMethod == "phone")?then("phone", "email"))}
<#elseif .vars[field]??>
${msg("email.lead.field." + field)}: ${.vars[field]}
</#if>
</#list>
${msg("email.lead.reference", reference)}
<#if leadUrl?has_content>

${msg("email.lead.outcome")}

${leadUrl}
</#if>

${msg("email.lead.privacy")}
<@s.end footer=msg("email.footer.contractor", msg("email.site"))/>
