/* eslint async-guard/no-sequential-await: "warn" -- a strict-only rule; this job turns it on for itself */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

// The nightly catalogue sync: mirrors a partner's product pages into local files and pushes the
// prices to the pricing service.

const CATALOGUE = 'https://partner.example.com/catalogue';
const PRICING = 'https://pricing.internal.example.com/prices';

export interface Product {
  sku: string;
  title: string;
  price: number;
}

interface ChangePage {
  skus: string[];
  next?: string;
}

/** Fetches JSON from the partner, trying again when their server hiccups. */
async function getJson<T>(url: string): Promise<T> {
  let lastError: unknown;
  // Retries at once, five times in a row, and retries a 404 as eagerly as a dropped connection.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      // No timeout: one request that never gets an answer stalls the whole sync.
      const response = await fetch(url);
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      return (await response.json()) as T;
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Downloads every product page of the catalogue and stores it: all of them at once. */
export async function downloadCatalogue(outDir: string): Promise<Product[]> {
  await mkdir(outDir, { recursive: true });
  const urls = await getJson<string[]>(`${CATALOGUE}/index.json`);
  // The index lists 20 000 products: this opens 20 000 requests and file handles together.
  return Promise.all(
    urls.map(async (url) => {
      const product = await getJson<Product>(url);
      await writeFile(join(outDir, `${product.sku}.json`), JSON.stringify(product));
      return product;
    }),
  );
}

/** Sends each price to the pricing service, waiting for one before sending the next. */
export async function pushPrices(products: Product[]): Promise<void> {
  for (const product of products) {
    await fetch(`${PRICING}/${encodeURIComponent(product.sku)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ price: product.price }),
      signal: AbortSignal.timeout(10_000),
    });
  }
}

/** Walks the partner's change feed. Each page names the next one, so this loop is sequential by nature. */
export async function changedSince(cursor: string): Promise<string[]> {
  const skus: string[] = [];
  let next: string | undefined = cursor;
  while (next) {
    const page: ChangePage = await getJson<ChangePage>(`${CATALOGUE}/changes?cursor=${next}`);
    skus.push(...page.skus);
    next = page.next;
  }
  return skus;
}

export async function nightlySync(outDir: string): Promise<void> {
  const products = await downloadCatalogue(outDir);
  await pushPrices(products);
}
