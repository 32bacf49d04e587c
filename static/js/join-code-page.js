// The workshop's page, its participants page and the join sheet follow the join code they show
// (and the sheet its join link and QR code): a code renewed elsewhere (another facilitator, the
// API) replaces it without a reload and is said politely; the workshop's page follows its status
// card too (status-card.js). The same connection and catch-up as the live pages, quiet about all
// else (templates/joining/_join_code_live.html).
import { LivePage } from "./live-page.js";
import { followShownJoinCode } from "./join-code.js";
import { followStatusCard } from "./status-card.js";

const live = new LivePage({
  role: "facilitator",
  // Its own state in this browser: a page without the notes must not overwrite the dashboard's.
  person: (page) => `facilitator:${page.facilitator_id}:join-code`,
  readOnly: true,
  quiet: true,
});
followShownJoinCode(live);
followStatusCard(live);
live.start();
