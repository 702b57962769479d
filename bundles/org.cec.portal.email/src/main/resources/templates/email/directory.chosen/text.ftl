<#import "/signature.ftl" as s>
<#if name?has_content>${msg("email.greeting.named", name)}<#else>${msg("email.greeting")}</#if>

${msg("email.chosen.intro", reference, contractors?size)}
<#list contractors as c>

- ${c.name}
<#if c.phone?has_content>
  ${msg("email.chosen.phone", c.phone)}
</#if>
<#if c.email?has_content>
  ${msg("email.chosen.email", c.email)}
</#if>
<#if c.website?has_content>
  ${msg("email.chosen.website", c.website)}
</#if>
</#list>

${msg("email.chosen.only")}
<@s.end footer=msg("email.footer.homeowner", msg("email.site"))/>
