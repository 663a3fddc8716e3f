// App entry. Sign-in lives in one place, the login page: the home page sends a person without a
// token there, and a 401 anywhere signs in again silently (services/request.ts).
App({});
