/**
 * A file the build put among the static assets (wrangler.toml [assets]), read through the ASSETS
 * binding, as a body to serve; undefined when the build has not written it. `path` starts with "/".
 */
export async function readAssetBody(assets: Fetcher, path: string): Promise<ReadableStream | undefined> {
  const response = await assets.fetch(new Request(`https://assets.local${path}`));
  if (response.ok && response.body) return response.body;
  await response.body?.cancel();
  return undefined;
}
