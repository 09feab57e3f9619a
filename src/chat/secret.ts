// Its own module so that My requests (agent comments) can warn the same way without the chat's
// composer and its redaction in its chunk.

/**
 * Words for a password or code, in the panel's languages: Simplified and Traditional Chinese
 * forms, and English in the singular or plural, with a card code's digit (CVV2, CVC2). No
 * exception for a negation: "never share your password" gets the warning too, which repeats it.
 */
const SECRET_WORDS =
  /[验驗][证證][码碼]|校[验驗][码碼]|[动動][态態][码碼]|密[码碼]|口令|\b(?:password|passcode|pin|otp|cvv2?|cvc2?|(?:verification|security|sms|one[- ]?time) code)s?\b/i

/**
 * True when an agent's message talks about passwords or codes: the UI repeats the
 * "support never asks for..." warning under it (defence against a hijacked agent account).
 */
export function mentionsSecret(text: string): boolean {
  return SECRET_WORDS.test(text)
}
