<#import "/signature.ftl" as s>
${msg("email.greeting")}

${msg("email.optIn.text", msg("email.optIn.kind." + kind))}

${confirmUrl}

${msg("email.optIn.until")}

${msg("email.optIn.ignore")}
<@s.end footer=msg("email.footer.homeowner", msg("email.site"))/>
