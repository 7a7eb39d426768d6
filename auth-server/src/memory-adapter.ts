// In-memory storage for oidc-provider's models (sessions, grants, codes, tokens); lost on restart by design.

interface Stored {
  payload: Record<string, unknown>;
  expiresAt?: number;
}

/**
 * Returns an adapter class with its own store (one per authorization server; keys are `<model>:<id>`).
 * It implements the interface oidc-provider documents (upsert, find, consume, destroy, revokeByGrantId…).
 */
export function createMemoryAdapter() {
  const store = new Map<string, Stored>();
  const grantIndex = new Map<string, Set<string>>();
  let writes = 0;
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of store) if (entry.expiresAt !== undefined && entry.expiresAt <= now) store.delete(key);
  };

  return class MemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn?: number): Promise<void> {
      if (++writes % 200 === 0) sweep();
      const key = this.key(id);
      store.set(key, { payload, ...(expiresIn ? { expiresAt: Date.now() + expiresIn * 1000 } : {}) });
      const grantId = payload.grantId;
      if (typeof grantId === 'string') {
        const keys = grantIndex.get(grantId) ?? new Set<string>();
        keys.add(key);
        grantIndex.set(grantId, keys);
      }
      if (typeof payload.uid === 'string') store.set(`${this.model}:uid:${payload.uid}`, { payload: { id } });
      if (typeof payload.userCode === 'string')
        store.set(`${this.model}:userCode:${payload.userCode}`, { payload: { id } });
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      const entry = store.get(this.key(id));
      if (!entry) return undefined;
      if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
        store.delete(this.key(id));
        return undefined;
      }
      return entry.payload;
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      const ref = store.get(`${this.model}:uid:${uid}`);
      return ref ? this.find(String(ref.payload.id)) : undefined;
    }

    async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
      const ref = store.get(`${this.model}:userCode:${userCode}`);
      return ref ? this.find(String(ref.payload.id)) : undefined;
    }

    async consume(id: string): Promise<void> {
      const entry = store.get(this.key(id));
      if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grantIndex.get(grantId) ?? []) store.delete(key);
      grantIndex.delete(grantId);
    }
  };
}
