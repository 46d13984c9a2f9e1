// The lucky-draw card in a live room: while a draw is open, "comment 「keyword」 to enter" with
// the prize and a countdown; once drawn, the winners (names masked by the server) and how many
// entered. Words come from the card's data attributes; everything is drawn with textContent.
const card = document.getElementById("draw-card");
let countdown = null;

function clock(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

function show(draw) {
  clearInterval(countdown);
  card.hidden = !draw;
  if (!draw) return;
  const words = card.dataset;
  const line = card.querySelector(".draw-line");
  card.querySelector(".draw-prize").textContent = draw.prize || "";
  card.dataset.state = draw.state;
  if (draw.state === "open") {
    const enter = words.commentToEnter.replace("{keyword}", draw.keyword);
    const tick = () => {
      line.textContent = `${enter} · ${words.closesIn} ${clock(draw.closes_at - Date.now())}`;
    };
    tick();
    countdown = setInterval(tick, 1000);
  } else if (draw.state === "drawn") {
    const entered = words.entered.replace("{n}", String(draw.entrants));
    const winners = draw.winners.length ? `${words.winnersAre}: ${draw.winners.join("、")}` : words.nobodyWon;
    line.textContent = `${winners} · ${entered}`;
  } else {
    line.textContent = words.interrupted;
  }
}

document.addEventListener("room-frame", (event) => {
  const frame = event.detail;
  if (!card) return;
  if (frame.type === "draw") show(frame.data);
  if (frame.type === "snapshot") show(frame.draw);
});
