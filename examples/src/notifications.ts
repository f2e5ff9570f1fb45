import { EventEmitter } from 'node:events';
import { appendFile } from 'node:fs/promises';

export interface User {
  id: string;
  email: string;
  deviceToken?: string;
}

export interface Preferences {
  digest: boolean;
  quietHours: [number, number];
}

/** Sends one e-mail through the mail gateway. */
export async function sendEmail(to: string, subject: string): Promise<void> {
  await appendFile('outbox.log', `${to}: ${subject}\n`);
}

/** Sends one push notification to a device. */
export async function sendPush(token: string, text: string): Promise<void> {
  await appendFile('push.log', `${token}: ${text}\n`);
}

export async function isSubscribed(user: User): Promise<boolean> {
  return user.email.endsWith('@example.com');
}

export async function unreadCount(user: User): Promise<number> {
  return user.id.length;
}

export async function loadPreferences(user: User): Promise<Preferences> {
  return { digest: user.id.length > 3, quietHours: [22, 7] };
}

/** Something that is told about each delivery; its callers do not wait for it. */
export interface DeliveryListener {
  delivered(user: User): void;
}

export const events = new EventEmitter();

export async function welcome(user: User): Promise<void> {
  // Fire and forget: if the gateway is down the rejection is lost and nobody knows.
  sendEmail(user.email, 'Welcome!');

  // A promise is always truthy, so `!promise` is always false: unsubscribed users get mail too.
  if (!isSubscribed(user)) {
    return;
  }
  await sendEmail(user.email, 'Your first digest');

  // Prints "[object Promise]" instead of the number.
  const summary = `You have ${unreadCount(user)} unread messages`;
  await sendEmail(user.email, summary);

  // Joins "[object Promise]" into the subject line.
  await sendEmail(user.email, 'Unread: ' + unreadCount(user));

  // Spreads the promise object, not the preferences it will resolve to.
  const settings = { ...loadPreferences(user), locale: 'en' };
  void settings;

  // TypeScript rejects this comparison as well; in JavaScript only the rule catches it.
  // @ts-expect-error -- a promise is never equal to a number
  if (unreadCount(user) === 0) {
    await sendEmail(user.email, 'Inbox zero!');
  }
}

export async function broadcast(users: User[], text: string): Promise<void> {
  // forEach does not wait for async callbacks: broadcast() resolves before anything is sent.
  users.forEach(async (user) => {
    await sendEmail(user.email, text);
  });

  // An array of promises dropped on the floor.
  users.map((user) => sendEmail(user.email, text));

  // Promise.all that nobody awaits: its rejection is unhandled.
  Promise.all(users.filter((user) => user.deviceToken).map((user) => sendPush(user.deviceToken!, text)));

  // An async filter keeps everyone: every promise is truthy.
  const subscribed = users.filter(async (user) => isSubscribed(user));
  void subscribed;
}

export function startNotifier(): void {
  // The emitter ignores the listener's promise: a failed send is an unhandled rejection.
  events.on('signup', async (user: User) => {
    await welcome(user);
  });

  // Timers ignore promises too.
  setInterval(async () => {
    await appendFile('heartbeat.log', `${Date.now()}\n`);
  }, 60_000);

  process.on('SIGTERM', async () => {
    await appendFile('notifier.log', 'stopping\n');
  });

  // Only handles success: a failure is lost.
  sendPush('admin-device', 'notifier started').then(() => console.log('started'));

  // Neither branch's promise is handled.
  const urgent = process.env.URGENT === '1';
  urgent ? sendPush('admin-device', 'urgent mode') : sendEmail('admin@example.com', 'normal mode');

  // `.finally` passes a rejection on: it is still unhandled.
  sendEmail('admin@example.com', 'notifier restarted').finally(() => console.log('restart notice sent'));

  // An async function started and forgotten.
  (async () => {
    await appendFile('notifier.log', 'started\n');
  })();
}

/** Waits for the gateway to be reachable, wrapped in a promise for no reason. */
export function gatewayReady(): Promise<boolean> {
  // An error thrown inside an async executor never rejects this promise.
  return new Promise(async (resolve) => {
    const subscribed = await isSubscribed({ id: 'probe', email: 'probe@example.com' });
    resolve(subscribed);
  });
}

/** Logs deliveries; declared to return nothing, but returns a promise. */
export class AuditLog implements DeliveryListener {
  async delivered(user: User): Promise<void> {
    await appendFile('audit.log', `${user.id}\n`);
  }
}

/** Callbacks that the delivery loop calls without waiting for them. */
export const hooks: { onDelivered: (user: User) => void } = {
  onDelivered: async (user) => {
    await appendFile('delivered.log', `${user.id}\n`);
  },
};

/** Called for bounced mail; typed as returning nothing, so callers never wait for it. */
export const onBounce: (user: User) => void = async (user) => {
  await sendEmail('postmaster@example.com', `bounce: ${user.email}`);
};

/** Makes a retry callback for the delivery loop, which does not wait for it. */
export function retryHandler(): (user: User) => void {
  return async (user) => {
    await sendEmail(user.email, 'Second attempt');
  };
}
