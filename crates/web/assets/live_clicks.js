// Counts product clicks for the host's dashboard: a click on any element carrying
// data-product-click="<product id>" sends {"type":"click","product":…} on the room's socket
// (window.farmgateRoom, made by live.js). Nothing is shown; the room does not broadcast it.
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target.closest("[data-product-click]") : null;
  if (target && window.farmgateRoom) {
    window.farmgateRoom.send("click", { product: target.dataset.productClick });
  }
});
