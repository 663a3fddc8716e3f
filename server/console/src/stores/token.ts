// The access token lives for the browser tab only (sessionStorage): closing the tab signs out.
const TOKEN_KEY = 'xuefa.console.token';

export function readToken(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
