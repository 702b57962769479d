<#ftl output_format="plainText">
<#-- The plain-text answer of a CSV link that is refused (400): the reason, in the page's language. -->
${msg(reason.key, reason.args)}
