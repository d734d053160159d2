/* Patrol check-in: read the checkpoint's QR code with the phone camera.
   BarcodeDetector where the browser has it, else the vendored jsQR; typing the code always works. */
(function () {
  "use strict";
  function setup(box) {
    var button = box.querySelector(".scan-start");
    var video = box.querySelector("video");
    var canvas = box.querySelector("canvas");
    var status = box.querySelector(".scan-status");
    var target = document.getElementById(box.dataset.scanTarget);
    var detector = null;
    var stream = null;
    if (!button || !target) { return; }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { button.classList.add("d-none"); return; }
    if ("BarcodeDetector" in window) {
      try { detector = new window.BarcodeDetector({formats: ["qr_code"]}); } catch (e) { detector = null; }
    }
    function stop() {
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
      video.classList.add("d-none");
    }
    function found(text) {
      stop();
      target.value = String(text || "").trim().toUpperCase();
      status.textContent = target.value;
      var note = document.getElementById("id_note");
      if (note) { note.focus(); }
    }
    function tick() {
      if (!stream) { return; }
      if (video.readyState >= 2) {
        if (detector) {
          detector.detect(video).then(function (codes) {
            if (codes.length) { found(codes[0].rawValue); } else { window.requestAnimationFrame(tick); }
          }).catch(function () { window.requestAnimationFrame(tick); });
          return;
        }
        if (window.jsQR) {
          canvas.width = video.videoWidth; canvas.height = video.videoHeight;
          var ctx = canvas.getContext("2d");
          ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
          var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
          var code = window.jsQR(image.data, image.width, image.height, {inversionAttempts: "dontInvert"});
          if (code && code.data) { found(code.data); return; }
        }
      }
      window.requestAnimationFrame(tick);
    }
    button.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({video: {facingMode: "environment"}, audio: false}).then(function (s) {
        stream = s;
        video.srcObject = s;
        video.classList.remove("d-none");
        video.play();
        window.requestAnimationFrame(tick);
      }).catch(function () { button.classList.add("d-none"); target.focus(); });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".scan").forEach(setup);
  });
})();
