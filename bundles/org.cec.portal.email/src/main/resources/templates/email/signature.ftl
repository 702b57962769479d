<#-- The end of every plain-text message: the signature and the footer line. -->
<#macro end footer>

${msg("email.signature.closing")}
${msg("email.signature.team", msg("email.site"))}

-- 
${footer}
<#if unsubscribeUrl?? && unsubscribeUrl?has_content>
${msg("email.footer.unsubscribe")}: ${unsubscribeUrl}
</#if>
<#if postalAddress?? && postalAddress?has_content>
${msg("email.footer.postal", postalAddress)}
</#if>
</#macro>
