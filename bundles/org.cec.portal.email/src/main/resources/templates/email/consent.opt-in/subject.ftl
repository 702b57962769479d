${msg("email.optIn.subject")}
