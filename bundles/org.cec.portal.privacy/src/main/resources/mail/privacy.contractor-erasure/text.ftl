<#import "/signature.ftl" as s>
${msg("email.greeting.named", businessName)}

${msg("privacy.mail.erasure.text", msg("email.site"))}

<#list shared as s1>
- ${msg("privacy.mail.erasure.item", s1.reference, s1.day)}
</#list>

${msg("privacy.mail.erasure.ask")}

${msg("privacy.mail.erasure.why")}
<@s.end footer=msg("email.footer.contractor", msg("email.site"))/>
