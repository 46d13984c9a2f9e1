// The live room's client: one WebSocket to /live/<session>/ws, frames drawn into elements
// found by id, always with textContent (never innerHTML: chat is whatever people typed). The
// room's frames come in batches (a JSON array per message); a snapshot or a reply comes alone.
// On a dropped connection it reconnects with backoff and ?after=<last seq>, so it gets what it
// missed or a fresh snapshot. No build step: load with <script type="module">.
//
//   import { connectRoom } from "/assets/room.js";
//   const room = connectRoom("<session id>");
//   room.send("chat", { text: "多少钱？" });  // also "like", and for moderators
//   // "mute" {user, minutes}, "remove" {message}, "block" {words}
//
// Every frame is also dispatched on `document` as a "room-frame" CustomEvent (detail: the
// frame), so a page can draw more (a countdown, a dashboard) without changing this file.

const DEFAULT_IDS = {
  chat: "room-chat",
  likes: "room-likes",
  viewers: "room-viewers",
  pinned: "room-pinned",
  sale: "room-sale",
  ticker: "room-ticker",
  liveState: "room-live-state",
  coupon: "room-coupon",
  draw: "room-draw",
  error: "room-error",
};
const CHAT_LINES = 100;
const TICKER_LINES = 5;
const PING_EVERY_MS = 25000;
const ERROR_SHOWN_MS = 5000;
const BACKOFF_FIRST_MS = 500;
const BACKOFF_MAX_MS = 15000;

export function connectRoom(session, options = {}) {
  const ids = { ...DEFAULT_IDS, ...(options.ids || {}) };
  const element = (name) => document.getElementById(ids[name]);
  let socket = null;
  let lastSeq = null;
  let attempts = 0;
  let closed = false;
  let pinger = null;
  let errorTimer = null;

  function url() {
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const after = lastSeq === null ? "" : `?after=${lastSeq}`;
    return `${scheme}://${location.host}/live/${encodeURIComponent(session)}/ws${after}`;
  }

  function open() {
    socket = new WebSocket(url());
    socket.onopen = () => {
      attempts = 0;
      pinger = setInterval(() => send("ping"), PING_EVERY_MS);
    };
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      for (const frame of Array.isArray(message) ? message : [message]) receive(frame);
    };
    socket.onclose = () => {
      clearInterval(pinger);
      if (closed) return;
      const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempts);
      attempts += 1;
      setTimeout(open, wait / 2 + Math.random() * (wait / 2));
    };
  }

  function receive(frame) {
    if (typeof frame.seq === "number") {
      // After a resume the server may repeat nothing, but never trust that twice.
      if (frame.type !== "snapshot" && lastSeq !== null && frame.seq <= lastSeq) return;
      lastSeq = frame.seq;
    }
    const draw = DRAW[frame.type];
    if (draw) draw(frame, element);
    if (frame.type === "error") showError(frame.message);
    document.dispatchEvent(new CustomEvent("room-frame", { detail: frame }));
  }

  function showError(message) {
    const box = element("error");
    if (!box) return;
    box.textContent = message || "";
    clearTimeout(errorTimer);
    errorTimer = setTimeout(() => (box.textContent = ""), ERROR_SHOWN_MS);
  }

  function send(type, payload = {}) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify({ ...payload, type }));
    return true;
  }

  function close() {
    closed = true;
    clearInterval(pinger);
    if (socket) socket.close();
  }

  open();
  return { send, close, lastSeq: () => lastSeq };
}

const DRAW = {
  snapshot(frame, element) {
    const chat = element("chat");
    if (chat) {
      chat.replaceChildren();
      for (const line of frame.chat || []) addChatLine(chat, line);
    }
    const ticker = element("ticker");
    if (ticker) {
      ticker.replaceChildren();
      for (const purchase of frame.purchases || []) addTickerLine(ticker, purchase);
    }
    setText(element("likes"), frame.likes);
    setText(element("viewers"), frame.viewers);
    drawCard(element("pinned"), frame.pinned);
    drawCard(element("sale"), frame.sale);
    drawCard(element("coupon"), frame.coupon);
    drawCard(element("draw"), frame.draw);
    drawCard(element("liveState"), frame.live_state);
  },
  chat(frame, element) {
    const chat = element("chat");
    if (chat) addChatLine(chat, frame);
  },
  removed(frame, element) {
    const chat = element("chat");
    if (!chat) return;
    for (const line of chat.children) {
      if (line.dataset.id === String(frame.message)) line.remove();
    }
  },
  like(frame, element) {
    setText(element("likes"), frame.likes);
  },
  viewers(frame, element) {
    setText(element("viewers"), frame.viewers);
  },
  purchase(frame, element) {
    const ticker = element("ticker");
    if (ticker) addTickerLine(ticker, frame.data);
  },
  pinned: (frame, element) => drawCard(element("pinned"), frame.data),
  sale: (frame, element) => drawCard(element("sale"), frame.data),
  coupon: (frame, element) => drawCard(element("coupon"), frame.data),
  draw: (frame, element) => drawCard(element("draw"), frame.data),
  live_state: (frame, element) => drawCard(element("liveState"), frame.data),
};

function setText(box, value) {
  if (box && value !== undefined && value !== null) box.textContent = String(value);
}

function addChatLine(list, line) {
  const item = document.createElement("li");
  item.dataset.id = String(line.id);
  item.dataset.user = line.user || "";
  const name = document.createElement("b");
  name.textContent = line.name || "";
  const text = document.createElement("span");
  text.textContent = ` ${line.text || ""}`;
  item.append(name, text);
  list.append(item);
  while (list.children.length > CHAT_LINES) list.firstElementChild.remove();
  list.scrollTop = list.scrollHeight;
}

function addTickerLine(list, purchase) {
  const item = document.createElement("li");
  item.textContent = describe(purchase);
  list.prepend(item);
  while (list.children.length > TICKER_LINES) list.lastElementChild.remove();
}

// A card's words: its own `line`, `text` or `title`, then a `price` if it has one.
function describe(data) {
  if (data === null || data === undefined) return "";
  if (typeof data !== "object") return String(data);
  const words = [data.line ?? data.text ?? data.title ?? data.state ?? ""];
  if (data.price !== undefined) words.push(String(data.price));
  if (data.remaining !== undefined) words.push(String(data.remaining));
  return words.filter((word) => word !== "").join(" · ");
}

function drawCard(box, data) {
  if (!box) return;
  box.textContent = describe(data);
  box.hidden = data === null || data === undefined;
}
