${msg("privacy.mail.erasure.subject")}
