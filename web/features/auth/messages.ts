import { defineMessages } from '../../lib/i18n.tsx';

export const messages = defineMessages(
  {
    title: '登录',
    subtitle: '党建引领开放共治平台',
    username: '用户名',
    password: '密码',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    submit: '登录',
    sessionExpired: '登录已过期，请重新登录',
  },
  {
    title: 'Sign in',
    subtitle: 'Party-led open co-governance',
    username: 'Username',
    password: 'Password',
    usernameRequired: 'Enter your username',
    passwordRequired: 'Enter your password',
    submit: 'Sign in',
    sessionExpired: 'Your session expired, please sign in again',
  },
);
