${subject}
