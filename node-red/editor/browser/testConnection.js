// @ts-check
// Editor script, part 2: Test connection in the connection's edit dialog. The
// dialog's values go to the admin endpoint as they are, secrets included when
// typed; a password field still showing Node-RED's placeholder makes the
// server use the deployed node's stored secret.

const CHECK_ICONS = {
  passed: "fa-check-circle",
  warning: "fa-exclamation-triangle",
  failed: "fa-times-circle",
  skipped: "fa-minus-circle",
};

/** The connection as the open dialog has it: non-secret properties and credentials. */
function dialogConnection(nodeType) {
  const connection = { properties: {}, credentials: {} };
  nodeType.fields.forEach(function (field) {
    const input = fieldInput(nodeType, field);
    if (input.length === 0) return;
    connection[field.secret ? "credentials" : "properties"][field.name] = inputValue(input, field);
  });
  return connection;
}

/** The message of a failed admin call: the connector's error, or the HTTP status. */
function adminFailure(xhr) {
  const body = xhr.responseJSON;
  if (body && body.message) return (body.code ? body.code + ": " : "") + body.message;
  return xhr.status === 401
    ? "Not permitted (401): this user may not use stored connection secrets."
    : "Request failed (" + xhr.status + " " + xhr.statusText + ")";
}

function prepareTestConnection(model, nodeType, node) {
  const button = $("#amazon-sqs-test-connection");
  const report = $("#amazon-sqs-test-report");
  button.on("click", function () {
    const body = Object.assign({ id: node.id }, dialogConnection(nodeType));
    const queue = String($("#amazon-sqs-test-queue").val() || "").trim();
    const stream = String($("#amazon-sqs-test-stream").val() || "").trim();
    const bucket = String($("#amazon-sqs-test-bucket").val() || "").trim();
    const target = {};
    if (queue !== "") target[/^https?:\/\//.test(queue) ? "queueUrl" : "queueName"] = queue;
    if (stream !== "") target[/^arn:/.test(stream) ? "streamArn" : "streamName"] = stream;
    if (bucket !== "") target.bucket = bucket;
    if (queue !== "" || stream !== "" || bucket !== "") body.target = target;
    button.prop("disabled", true);
    report.removeAttr("hidden").attr("data-state", "running").empty().append($("<div>").text("Testing…"));
    $.ajax({ url: model.paths.test, method: "POST", contentType: "application/json", data: JSON.stringify(body), dataType: "json" })
      .done(function (result) {
        renderReport(report, result);
      })
      .fail(function (xhr) {
        report
          .attr("data-state", "failed")
          .empty()
          .append($("<div class='amazon-sqs-report-summary'>").text(adminFailure(xhr)));
      })
      .always(function () {
        button.prop("disabled", false);
      });
  });
}

/** The test report: the outcome, then each step with its status, message and what a warning limits. */
function renderReport(container, report) {
  container.empty().attr("data-state", report.ok ? "passed" : "failed");
  $("<div class='amazon-sqs-report-summary'>")
    .append($("<i class='fa'>").addClass(report.ok ? "fa-check-circle" : "fa-times-circle"), " ", $("<span>").text(report.message))
    .appendTo(container);
  const list = $("<ul class='amazon-sqs-report-checks'>").appendTo(container);
  report.checks.forEach(function (check) {
    const item = $("<li>").attr("data-step", check.step).attr("data-status", check.status).appendTo(list);
    item.append($("<i class='fa'>").addClass(CHECK_ICONS[check.status] || "fa-circle"), " ");
    item.append($("<b>").text((check.name || check.step) + ": "), $("<span>").text(check.message));
    if (check.status === "warning" && check.affects && check.affects.length > 0) {
      $("<div class='amazon-sqs-report-affects'>")
        .text("Limits: " + check.affects.join("; "))
        .appendTo(item);
    }
  });
  $("<div class='amazon-sqs-report-elapsed'>")
    .text(Math.round(report.elapsedMs) + " ms")
    .appendTo(container);
}
