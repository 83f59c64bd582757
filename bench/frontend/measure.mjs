#!/usr/bin/env node
/*
 * Measures the CloudOps views in headless Chromium (Debian's, through
 * playwright-core) against a running portal, RUNS times each, and prints one
 * JSON line of medians (ms):
 *
 * - nocFirstRender: signed in, on the catalog page of a fresh browser
 *   context (empty cache), from the in-app navigation to /cloudops until
 *   every panel (figures, chart, stream, heat map) shows data — the lazy
 *   chunk download, the five API requests and React's render;
 * - nocColdLoad: a full page load of /cloudops in a fresh context (the whole
 *   app boots) until the same point;
 * - graphFirstRender: in-app navigation to the graph page of svc-000 at
 *   depth 6 until cytoscape has drawn its first frame;
 * - graphFrameMs: median and p95 frame interval while the 500-node graph
 *   is panned and zoomed continuously for two seconds.
 *
 *   node bench/frontend/measure.mjs --url URL [--runs 7]
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => {
    if (arg.startsWith('--')) pairs.push([arg.slice(2), all[i + 1]]);
    return pairs;
  }, []),
);
const url = args.url;
const runs = Number(args.runs ?? 7);
const graphPath =
  '/cloudops/graph?entityRef=component%3Adefault%2Fsvc-000&depth=6';

const median = values => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor(values.length * p))
  ];

/** In the page: true once every NOC panel shows data. */
const nocReady = () => {
  const main = document.querySelector('main');
  return Boolean(
    main &&
      main.querySelector('[aria-label="Key figures"]') &&
      main.querySelector('figure[aria-label^="Incidents opened per"] svg') &&
      main.querySelector('[role="log"] a') &&
      main.querySelector(
        'table[aria-label="Open incidents by system and account"] a',
      ) &&
      !main.querySelector('[data-testid="progress"]'),
  );
};

/** In the page: navigates in-app and resolves with the ms until `ready`. */
function timeNavigation(page, path, ready) {
  return page.evaluate(
    ([target, readySource]) =>
      new Promise(resolve => {
        const isReady = new Function(`return (${readySource})()`);
        const start = performance.now();
        const check = () => {
          if (isReady()) resolve(performance.now() - start);
          else requestAnimationFrame(check);
        };
        window.history.pushState({}, '', target);
        window.dispatchEvent(new PopStateEvent('popstate'));
        requestAnimationFrame(check);
      }),
    [path, ready.toString()],
  );
}

async function signIn(page) {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();
}

const browser = await chromium.launch({
  executablePath: process.env.CLOUDOPS_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu'],
});
const viewport = { width: 1600, height: 1000 };
const results = {
  nocFirstRender: [],
  nocColdLoad: [],
  graphFirstRender: [],
  graphFrameMs: [],
};
try {
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page);
    const requests = [];
    const onRequest = request =>
      requests.push({ request, started: Date.now() });
    page.on('request', onRequest);
    results.nocFirstRender.push(
      await timeNavigation(page, '/cloudops', nocReady),
    );
    page.off('request', onRequest);
    if (run === 0) {
      // Where the first render's time goes: every request it made.
      for (const { request } of requests) {
        const timing = request.timing();
        console.error(
          `  ${Math.round(timing.responseEnd)} ms ${request
            .url()
            .replace(url, '')
            .slice(0, 110)}`,
        );
      }
    }
    results.graphFirstRender.push(
      await timeNavigation(page, graphPath, () =>
        Boolean(
          document.querySelector(
            '[data-testid="cloudops-graph-canvas"][data-rendered="true"]',
          ),
        ),
      ),
    );
    if (run === 0) {
      const nodes = await page
        .getByRole('list', { name: 'Entities in the graph' })
        .evaluate(() =>
          document
            .querySelector('[aria-label^="Dependency graph of"]')
            .getAttribute('aria-label'),
        );
      console.error(nodes);
    }
    // Pan and zoom for two seconds, recording frame intervals.
    const canvas = page.getByTestId('cloudops-graph-canvas');
    const box = await canvas.boundingBox();
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = now => {
        window.__frames.push(now - last);
        last = now;
        if (window.__frames.length < 10_000) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    const end = Date.now() + 2000;
    for (let i = 0; Date.now() < end; i++) {
      if (i % 2) await page.mouse.wheel(0, i % 4 === 1 ? -60 : 60);
      else {
        await page.mouse.down();
        await page.mouse.move(cx + ((i % 8) - 4) * 15, cy + 20, { steps: 2 });
        await page.mouse.up();
      }
    }
    const frames = await page.evaluate(() => window.__frames.slice(2));
    results.graphFrameMs.push(...frames);
    await context.close();

    const cold = await browser.newContext({ viewport });
    const coldPage = await cold.newPage();
    await signIn(coldPage);
    const start = Date.now();
    await coldPage.goto(`${url}/cloudops`);
    await coldPage.waitForFunction(nocReady, undefined, { polling: 'raf' });
    results.nocColdLoad.push(Date.now() - start);
    await cold.close();
    console.error(
      `run ${run + 1}: noc ${results.nocFirstRender[run].toFixed(0)} ms, cold ${
        results.nocColdLoad[run]
      } ms, graph ${results.graphFirstRender[run].toFixed(0)} ms`,
    );
  }
} finally {
  await browser.close();
}
const round = v => Math.round(v * 10) / 10;
console.log(
  JSON.stringify({
    runs,
    nocFirstRenderMs: round(median(results.nocFirstRender)),
    nocColdLoadMs: round(median(results.nocColdLoad)),
    graphFirstRenderMs: round(median(results.graphFirstRender)),
    graphFrameMedianMs: round(median(results.graphFrameMs)),
    graphFrameP95Ms: round(percentile(results.graphFrameMs, 0.95)),
    samples: Object.fromEntries(
      Object.entries(results)
        .filter(([key]) => key !== 'graphFrameMs')
        .map(([key, values]) => [key, values.map(round)]),
    ),
  }),
);
