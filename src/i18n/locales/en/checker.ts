/** Strings of the "Is this really us?" checker. */
export const checker = {
  'checker.title': 'Is this really us?',
  'checker.intro':
    'Paste or type the number that called you, a link you received, an e-mail address or an account name. We check it against our official channels.',
  'checker.label': 'Number, link, e-mail or account',
  'checker.placeholder': 'e.g. 95188 or https://…',
  'checker.check': 'Check',
  'checker.checkedAs': 'Checked as a {kind}.',
  'checker.kind.phone': 'phone number',
  'checker.kind.web': 'web address',
  'checker.kind.email': 'e-mail address',
  'checker.kind.social': 'account name',
  'checker.verdict.official': 'Official: this is our {channel}',
  'checker.verdict.notOurs': 'Not one of ours',
  'checker.verdict.lookalike': 'Looks like ours, but it is not',
  'checker.verdict.unreadable': 'We could not read that as a number, address or account. Check what you typed.',
  'checker.channel.hotline': 'hotline {value}',
  'checker.channel.website': 'website ({value})',
  'checker.channel.email': 'e-mail ({value})',
  'checker.channel.social': '{platform} account {value}',
  'checker.official.still':
    'Even our real channels never ask for your password, SMS code or a transfer to a "safe account".',
  'checker.notOurs.detail':
    'We never contact you from it. Do not share codes, do not open its links and do not transfer money.',
  'checker.knownScam': 'Other users have reported it as a scam.',
  'checker.owner': 'It really belongs to {owner}.',
  'checker.reason.containsOfficial':
    'It contains our number {official} with digits added: a call "from {official}" with a prefix or from abroad is not us.',
  'checker.reason.similarNumber': 'It differs from our number {official} by one or two digits.',
  'checker.reason.homograph': 'It uses look-alike characters to imitate {official}.',
  'checker.reason.subdomain': "It puts our name {official} in front of someone else's address.",
  'checker.reason.otherSuffix': 'It uses our name with another ending. Our address is {official}.',
  'checker.reason.combo': 'It adds words to our name. Our address is {official}.',
  'checker.reason.typo': 'It is spelled one or two letters differently from {official}.',
  'checker.reason.disguised':
    'It is written with unusual (full-width or styled) letters. We never write our address that way.',
  'checker.reason.userinfo': 'The text before "@" is decoration: the link really opens another site.',
  'checker.reason.mailbox':
    "It is a mailbox named after us on someone else's service. Our e-mail only comes from {official}.",
  'checker.reason.similarHandle': 'It is one or two characters away from our account {official}.',
  'checker.report': 'Report this scam',
  'checker.report.sending': 'Reporting…',
  'checker.report.sent': 'Thank you, reported (reference {reference}). We will look into it.',
  'checker.report.queued': 'Saved on this device. It will be sent when you are back online.',
  'checker.report.failed': 'The report could not be sent. Please try again.',
  'checker.report.description':
    'Someone contacted me from {value}, pretending to be your support. The in-app check said: {verdict}.',
  'checker.list.hotline': 'Hotline: {value}',
  'checker.list.website': 'Website: {value}',
  'checker.list.email': 'E-mail: {value}',
  'checker.list.social': '{platform}: {value}',
  'checker.official.title': 'Our official channels',
} as const
