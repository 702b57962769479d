${msg("email.confirmation.subject", reference)}
