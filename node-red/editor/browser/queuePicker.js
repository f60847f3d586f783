// @ts-check
// Editor script, part 3: the queue (or stream) picker beside every field marked x-browse.
// It lists queues through the connection selected in the dialog, which may
// not be deployed yet: its values come from the editor, and a secret it has
// not been given in this session is left to the server (the stored one).

/** The selected connection's values as the editor holds them. */
function editorConnection(model, config) {
  const connectionType = model.types.find(function (t) {
    return t.type === model.connectionType;
  });
  const connection = { properties: {}, credentials: {} };
  connectionType.fields.forEach(function (field) {
    if (!field.secret) connection.properties[field.name] = config[field.name];
    else if (config.credentials && Object.prototype.hasOwnProperty.call(config.credentials, field.name))
      connection.credentials[field.name] = config.credentials[field.name];
    else connection.credentials[field.name] = model.storedSecretPlaceholder;
  });
  return connection;
}

function prepareQueuePickers(model, nodeType) {
  nodeType.fields
    .filter(function (field) {
      return field.browse;
    })
    .forEach(function (field) {
      const input = fieldInput(nodeType, field);
      const row = input.closest(".form-row");
      const list = row.find(".amazon-sqs-queue-list");
      row.find(".amazon-sqs-browse").on("click", function () {
        list.empty().removeAttr("hidden");
        loadQueuePage(model, field, input, list, undefined);
      });
    });
}

function loadQueuePage(model, field, input, list, nextToken) {
  const connectionId = String($("#node-input-connection").val() || "");
  const config = connectionId ? RED.nodes.node(connectionId) : null;
  if (!config) {
    list.text("Pick or add a connection first.");
    return;
  }
  const streams = field.browse === "streamName";
  const body = Object.assign(
    { id: connectionId },
    editorConnection(model, config),
    nextToken ? { nextToken: nextToken } : {},
    streams ? { resource: "streams" } : {},
  );
  const loading = $("<div class='amazon-sqs-queue-loading'>")
    .text(streams ? "Loading streams…" : "Loading queues…")
    .appendTo(list);
  $.ajax({ url: model.paths.browse, method: "POST", contentType: "application/json", data: JSON.stringify(body), dataType: "json" })
    .done(function (page) {
      loading.remove();
      const items = streams ? page.streams : page.queues;
      if (items.length === 0 && !nextToken)
        $("<div>")
          .text(streams ? "No streams found." : "No queues found.")
          .appendTo(list);
      items.forEach(function (item) {
        $("<a href='#' class='amazon-sqs-queue'>")
          .attr("data-name", item.name)
          .text(item.name + (item.fifo ? " (FIFO)" : ""))
          .on("click", function (event) {
            event.preventDefault();
            input.val(field.browse === "url" ? item.url : item.name).trigger("change");
            list.attr("hidden", true).empty();
          })
          .appendTo(list);
      });
      if (page.nextToken) {
        const more = $("<a href='#' class='amazon-sqs-queue-more'>").text("More…").appendTo(list);
        more.on("click", function (event) {
          event.preventDefault();
          more.remove();
          loadQueuePage(model, field, input, list, page.nextToken);
        });
      }
    })
    .fail(function (xhr) {
      loading.remove();
      $("<div class='amazon-sqs-queue-error'>").text(adminFailure(xhr)).appendTo(list);
    });
}
