// QUALITY.md P2: the Teams SDK builds four HTTP clients for every activity it receives (the
// activity's `api`, its two Graph clients and their parent, app.process.js), each a new axios
// instance with its configuration merged key by key. Under the P2 load that was 10.5% of the bot's
// busy time per vote, for clients an Action.Execute vote never uses: our handlers answer through the
// invoke response and `send`, which goes through the App's one activity sender. Here the App's client
// hands out copies that are made when first used: a copy nobody touches costs a closure.
// Nothing else changes: a copy that is used is the one the SDK would have made, with the same
// options, made from the same parent at that moment.

/** What the SDK asks of its HTTP client here: `request` (its duck-type test) and `clone`. */
interface Cloning {
  request: unknown;
  clone(options?: object): Cloning;
}

/**
 * Makes `client.clone` return copies made on first use. The client itself is changed in place, as the
 * SDK's activity processor keeps its own reference to it.
 */
export function lazyClones<C extends Cloning>(client: C): C {
  const cloneNow = client.clone.bind(client);
  client.clone = (options?: object) => lazy(client, () => cloneNow(options));
  return client;
}

/**
 * A stand-in for the copy `make` returns: `in` is answered from the client's prototype without
 * making it (the SDK tests `'request' in client`); its own `clone` is lazy too; anything else makes
 * the copy and is forwarded to it.
 */
function lazy<C extends Cloning>(like: C, make: () => Cloning): C {
  let made: Cloning | undefined;
  const real = () => (made ??= make());
  const proto = Object.getPrototypeOf(like) as object;
  return new Proxy(Object.create(proto) as C, {
    get(_target, key) {
      if (key === 'clone') return (options?: object) => lazy(like, () => real().clone(options));
      const r = real();
      const value: unknown = Reflect.get(r, key, r);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(r) : value;
    },
    set(_target, key, value) {
      return Reflect.set(real(), key, value);
    },
    has(_target, key) {
      return key in proto || key in real();
    },
    ownKeys() {
      return Reflect.ownKeys(real());
    },
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(real(), key);
      return d ? { ...d, configurable: true } : undefined;
    },
  });
}
