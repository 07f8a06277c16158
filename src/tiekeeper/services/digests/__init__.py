"""The e-mail digest: what it says (compose), each account's schedule, and sending what is due
once."""
