${msg("email.draftLink.subject")}
