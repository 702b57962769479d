${msg("email.chosen.subject", reference, contractors?size)}
