// The one place that says where the server is. In WeChat DevTools point `apiBaseUrl` at your
// local server (and keep 「不校验合法域名」 on, project.config.json urlCheck=false); for a release
// build set the HTTPS domain registered in the mini-program's admin console.
export const config = {
  apiBaseUrl: 'http://127.0.0.1:3000',
  /** Offer the server's development login (by phone) when WeChat login is impossible, e.g. with the tourist appid. */
  devLogin: true,
  /** Milliseconds before a request gives up. */
  requestTimeoutMs: 15000,
};
