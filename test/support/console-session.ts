// Signing demo people in to the console of an app under test: each one's session cookie, for requests
// made with app.request().
import type { createApp } from '../../api/app';

export async function consoleCookies(app: ReturnType<typeof createApp>, userIds: string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  for (const userId of userIds) {
    const signIn = await app.request('/console/signin', {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `userId=${userId}`,
    });
    cookies.set(userId, signIn.headers.get('set-cookie')!.split(';')[0]!);
  }
  return cookies;
}
