${msg("privacy.mail.link.subject")}
