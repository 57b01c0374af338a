/** The simulator's /admin/* over HTTP as a tester's script calls it: with the admin token, JSON bodies. */
export function simAdmin(sim: { url: string; adminToken: string }) {
  const headers = { 'x-sim-admin-token': sim.adminToken };
  return {
    get: (p: string) => fetch(`${sim.url}${p}`, { headers }),
    post: (p: string, body: unknown) => fetch(`${sim.url}${p}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}
