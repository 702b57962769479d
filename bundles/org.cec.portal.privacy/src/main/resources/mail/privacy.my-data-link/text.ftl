<#import "/signature.ftl" as s>
${msg("email.greeting")}

${msg("privacy.mail.link.text")}

${portalUrl}${linkPath}

${msg("privacy.mail.link.valid", hours)}

${msg("privacy.mail.link.ignore")}
<@s.end footer=msg("email.footer.homeowner", msg("email.site"))/>
