// The driver's scan box: where the browser has BarcodeDetector, a camera button reads a
// parcel's QR code into the code field and submits it. Typing the code always works.
(function () {
  "use strict";
  var button = document.getElementById("scan-camera");
  var video = document.getElementById("scan-video");
  var input = document.getElementById("scan-code");
  var form = document.getElementById("scan-form");
  if (!button || !video || !input || !form || !("BarcodeDetector" in window)) return;
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.hidden = false;
        return video.play().then(function () {
          var look = function () {
            detector.detect(video).then(function (codes) {
              var digits = codes.length ? String(codes[0].rawValue).replace(/\D/g, "") : "";
              if (digits) {
                stream.getTracks().forEach(function (track) { track.stop(); });
                input.value = digits;
                form.submit();
              } else {
                window.requestAnimationFrame(look);
              }
            }, function () { window.requestAnimationFrame(look); });
          };
          look();
        });
      })
      .catch(function () { button.hidden = true; });
  });
})();
