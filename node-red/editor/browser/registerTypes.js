// @ts-check
// Editor script, part 4: registers every node type of the generated model
// with Node-RED's editor: defaults and credentials from the schema fields,
// validators from their rules, and the form behaviour on edit.

function initialValue(field) {
  if (field.default !== undefined) return field.default;
  if (field.kind === "multiselect") return [];
  return field.kind === "checkbox" ? false : "";
}

/**
 * Without a name: the palette label, as the palette shows it ("send", "delete"),
 * followed by the flow node's queue ("send events") or the connection's
 * endpoint host, so every node of ours is labelled the same way.
 */
function nodeLabel(nodeType, node) {
  for (const field of nodeType.fields) {
    const value = node[field.name];
    if (typeof value !== "string" || value === "" || (!field.browse && !field.url)) continue;
    if (field.browse === "name" || field.browse === "streamName") return nodeType.paletteLabel + " " + value;
    const tail = field.browse ? value.split("/").pop() : value.replace(/^https?:\/\//, "").split("/")[0];
    return field.browse ? nodeType.paletteLabel + " " + tail : nodeType.paletteLabel + " (" + tail + ")";
  }
  return nodeType.paletteLabel;
}

function registerTypes(model) {
  model.types.forEach(function (nodeType) {
    const defaults = { name: { value: "" } };
    if (nodeType.connectionType) defaults.connection = { value: "", type: nodeType.connectionType, required: true };
    const credentials = {};
    nodeType.fields.forEach(function (field) {
      const validate = fieldValidator(nodeType, field, model.storedSecretPlaceholder);
      if (field.secret) credentials[field.name] = { type: "password", validate: validate };
      else defaults[field.name] = { value: initialValue(field), validate: validate };
    });
    RED.nodes.registerType(nodeType.type, {
      category: nodeType.category,
      color: model.color,
      icon: model.icon,
      defaults: defaults,
      credentials: credentials,
      inputs: nodeType.inputs,
      outputs: nodeType.outputs,
      outputLabels: nodeType.outputLabels,
      paletteLabel: nodeType.paletteLabel,
      label: function () {
        return this.name || nodeLabel(nodeType, this);
      },
      labelStyle: function () {
        return this.name ? "node_label_italic" : "";
      },
      oneditprepare: function () {
        prepareForm(nodeType);
        if (nodeType.category === "config") prepareTestConnection(model, nodeType, this);
        else prepareQueuePickers(model, nodeType);
      },
    });
  });
}
