/**
 * Runs the EC2 test double (test/ec2-double/ec2-double.ts) for the end-to-end runner, outside the
 * extension host, and a small control server beside it on 127.0.0.1 that the suite (inside the
 * extension host) reaches with fetch:
 *   GET  /requests            what the double recorded: [{ service, action, params }]
 *   POST /reset               forget recorded requests and scenarios
 *   POST /answer?action=X     body: an Answer (ec2-double.ts) for action X ('*': every action),
 *                             or { preset, args } for one of its `answers` (e.g. 'unauthorized')
 *   POST /screenshot          the runner takes its screenshot now (answers when it is written)
 * Bundled by scripts/e2e/build.mjs to out/e2e/double-host.js; the runner loads it.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answers, Ec2Double, type Answer } from '../ec2-double/ec2-double';

export interface DoubleHost {
  /** AWS_ENDPOINT_URL_EC2 */
  readonly ec2Url: string;
  /** AWS_ENDPOINT_URL_STS */
  readonly stsUrl: string;
  /** The control server, for the suite (E2E_CONTROL_URL). */
  readonly controlUrl: string;
  close(): Promise<void>;
}

export async function startDoubleHost(options: { screenshot?: () => Promise<string | undefined> } = {}): Promise<DoubleHost> {
  const double = await Ec2Double.start();
  const control = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      void (async () => {
        if (req.method === 'GET' && url.pathname === '/requests') {
          return reply(
            200,
            double.requests.map(({ service, action, params }) => ({ service, action, params })),
          );
        }
        if (req.method === 'POST' && url.pathname === '/reset') {
          double.reset();
          return reply(200, { ok: true });
        }
        if (req.method === 'POST' && url.pathname === '/answer') {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Answer | { preset: keyof typeof answers; args?: string[] };
          const answer = 'preset' in body ? (answers[body.preset] as (...args: string[]) => Answer)(...(body.args ?? [])) : body;
          double.answer(url.searchParams.get('action') ?? '*', answer);
          return reply(200, { ok: true });
        }
        if (req.method === 'POST' && url.pathname === '/screenshot') {
          return reply(200, { path: (await options.screenshot?.()) ?? null });
        }
        reply(404, { error: `no ${req.method} ${url.pathname}` });
      })().catch((error: unknown) => reply(500, { error: String(error) }));
    });
  });
  await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
  return {
    ec2Url: double.url,
    stsUrl: double.stsUrl,
    controlUrl: `http://127.0.0.1:${(control.address() as AddressInfo).port}`,
    async close() {
      control.closeAllConnections();
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await double.close();
    },
  };
}
