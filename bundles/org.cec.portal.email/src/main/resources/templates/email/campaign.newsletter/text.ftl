<#import "/signature.ftl" as s>
<#if test?? && test>${msg("email.newsletter.test")}

</#if>
<#if name?has_content>${msg("email.greeting.named", name)}<#else>${msg("email.greeting")}</#if>

<#list paragraphs as p>
${p}

</#list>
<@s.end footer=msg("email.footer.commercial", msg("email.site"))/>
