/** Key of the conversation the chat resumes after a reload (its own module: read without the chat code). */
export const CURRENT_KEY = 'chat:current'
