import { useState } from 'react'
import type { AppLocale, AppTheme } from '../../shared/transactions.js'
import { Wallet } from './Wallet.js'
import { labels } from '../../shared/transactions.js'

export function App() {
  const [locale, setLocale] = useState<AppLocale>('en')
  const [theme, setTheme] = useState<AppTheme>('light')
  const [signedIn, setSignedIn] = useState(true)
  return (
    <div data-theme={theme}>
      <nav>
        <label>
          Language{' '}
          <select data-testid="locale" value={locale} onChange={(e) => setLocale(e.target.value as AppLocale)}>
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <button type="button" data-testid="theme" onClick={() => setTheme(theme === 'light' ? 'dark' : 'light')}>
          {theme}
        </button>
        {signedIn && (
          <button type="button" data-testid="sign-out" onClick={() => setSignedIn(false)}>
            {labels[locale].signOut}
          </button>
        )}
      </nav>
      {/* Signing out unmounts the wallet page, which destroys the widget. */}
      {signedIn ? <Wallet locale={locale} theme={theme} /> : <p data-testid="signed-out">Signed out</p>}
    </div>
  )
}
