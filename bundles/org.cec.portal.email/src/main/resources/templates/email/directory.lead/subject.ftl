${msg("email.lead.subject", businessName, reference)}
