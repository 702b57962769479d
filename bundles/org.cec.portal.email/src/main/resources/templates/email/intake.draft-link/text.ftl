<#import "/signature.ftl" as s>
${msg("email.greeting")}

${msg("email.draftLink.text")}

${finishUrl}

${msg("email.draftLink.keep")}

${msg("email.draftLink.ignore")}
<@s.end footer=msg("email.footer.homeowner", msg("email.site"))/>
