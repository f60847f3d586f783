// @ts-check
// Editor script, part 1: field values, visibility and validation for the
// generated forms. The rules match node-red/fields/*.ts on the server, which
// reads the same field specs. Plain browser JavaScript; the parts share one
// scope (see node-red/editor/editorHtml.ts).

function prefixOf(nodeType) {
  return nodeType.category === "config" ? "node-config-input" : "node-input";
}

function fieldInput(nodeType, field) {
  return $("#" + prefixOf(nodeType) + "-" + field.name);
}

function isEmpty(value) {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** A field input's value in the shape Node-RED stores it. */
function inputValue(input, field) {
  if (field.kind === "checkbox") return input.prop("checked");
  if (field.kind === "multiselect") return input.val() || [];
  return input.val();
}

/** The field values as the open dialog shows them, else as the node stores them. */
function currentValues(nodeType, node) {
  const values = {};
  nodeType.fields.forEach(function (field) {
    const input = fieldInput(nodeType, field);
    values[field.name] = input.length > 0 ? inputValue(input, field) : node[field.name];
  });
  return values;
}

/** x-visibleWhen: a field applies only while the fields it names hold one of the listed values. */
function isVisible(field, values, fields) {
  if (!field.visibleWhen) return true;
  return Object.keys(field.visibleWhen).every(function (controller) {
    let value = values[controller];
    if (isEmpty(value)) {
      const spec = fields.find(function (f) {
        return f.name === controller;
      });
      value = spec ? spec.default : undefined;
    }
    return field.visibleWhen[controller].indexOf(value) >= 0;
  });
}

function isRequired(field, values) {
  if (field.required) return true;
  if (!field.requiredWhen) return false;
  return Object.keys(field.requiredWhen).every(function (controller) {
    return field.requiredWhen[controller].indexOf(values[controller]) >= 0;
  });
}

/** A Node-RED validator (returning true or the reason) for one field, from its schema rules. */
function fieldValidator(nodeType, field, storedSecretPlaceholder) {
  /** @this {Record<string, unknown>} the node being validated */
  return function (value) {
    if (field.secret && fieldInput(nodeType, field).length === 0) return true; // credentials are checked only in the dialog
    const values = currentValues(nodeType, this);
    if (!isVisible(field, values, nodeType.fields)) return true;
    if (isEmpty(value)) {
      if (isRequired(field, values)) return field.title + " is required";
      const alternatives = field.oneOfRequired || [];
      const allEmpty =
        alternatives.length > 0 &&
        alternatives.every(function (name) {
          return isEmpty(values[name]);
        });
      if (allEmpty) {
        const titles = alternatives.map(function (name) {
          return nodeType.fields.find(function (f) {
            return f.name === name;
          }).title;
        });
        return "Set " + titles.join(" or ");
      }
      return true;
    }
    if (field.secret && value === storedSecretPlaceholder) return true;
    if ((field.kind === "integer" || field.kind === "number") && field.words && field.words.indexOf(String(value).trim()) >= 0) return true;
    if (field.kind === "integer" || field.kind === "number") {
      const number = Number(value);
      const whole = field.kind === "number" || Number.isInteger(number);
      const inRange = (field.minimum === undefined || number >= field.minimum) && (field.maximum === undefined || number <= field.maximum);
      if (!Number.isFinite(number) || !whole || !inRange) {
        const range = [
          field.minimum === undefined ? "" : " from " + field.minimum,
          field.maximum === undefined ? "" : " to " + field.maximum,
        ].join("");
        const words = field.words ? field.words.join(" or ") + " or " : "";
        return field.title + ": " + words + "a " + (field.kind === "integer" ? "whole " : "") + "number" + range;
      }
    }
    if (field.pattern && typeof value === "string" && !new RegExp(field.pattern, "u").test(value.trim())) {
      return field.title + " is not in the expected form" + (field.description ? ": " + field.description : "");
    }
    return true;
  };
}

/** Shows each field, and each group heading, only while it applies. */
function prepareForm(nodeType) {
  const fields = nodeType.fields;
  if (fields.length === 0) return;
  const apply = function () {
    const values = currentValues(nodeType, {});
    const form = fieldInput(nodeType, fields[0]).closest("form");
    fields.forEach(function (field) {
      fieldInput(nodeType, field)
        .closest(".form-row")
        .toggle(isVisible(field, values, fields));
    });
    nodeType.groups.forEach(function (group) {
      const shown = fields.some(function (field) {
        return field.group === group.id && isVisible(field, values, fields);
      });
      form.find(".amazon-sqs-group[data-group='" + group.id + "']").toggle(shown);
    });
  };
  const controllers = [];
  fields.forEach(function (field) {
    Object.keys(field.visibleWhen || {}).forEach(function (name) {
      if (controllers.indexOf(name) < 0) controllers.push(name);
    });
  });
  controllers.forEach(function (name) {
    $("#" + prefixOf(nodeType) + "-" + name).on("change", apply);
  });
  apply();
}
