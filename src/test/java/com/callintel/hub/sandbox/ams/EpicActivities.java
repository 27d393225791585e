package com.callintel.hub.sandbox.ams;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.callintel.hub.sandbox.ams.AppliedEpicSimulator.ActivityCode;
import com.callintel.hub.sandbox.ams.AppliedEpicSimulator.Employee;
import com.callintel.hub.sandbox.ams.CreatedRecord.Kind;
import com.callintel.hub.sandbox.ams.EpicProblem.FieldProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Workflow Management on the client book: activity codes, {@code POST /activities} (201, HAL) with the spec's
 * rules (organization required for a CLIENT association, the code's default owner when none is given, closed
 * details required for a CLOSED status), {@code POST /activities/{id}/notes} (200), and the reads a client can
 * check its writes with: {@code GET /clients/{id}/activities} and {@code GET /activities/{id}/notes}.
 * (Above ~300 lines: one vendor module, its writes and the reads of the same records share one store.)
 */
final class EpicActivities {

    static final String API_USER = "APIUSER";
    private static final String PREFIX = "/workflow-management/v1/activities";

    private final AppliedEpicSimulator simulator;
    private final List<ActivityCode> codes;
    private final List<Employee> employees;
    private final Map<String, String> accessLevels;
    private final int maxDescriptionLength;
    private final int maxNoteLength;
    private final ObjectMapper json = new ObjectMapper();
    /** What Epic lists of each activity and note created (its code, owner, access level…), as many as are recorded. */
    private final Map<String, ObjectNode> listed = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > 4_000;
        }
    };

    EpicActivities(AppliedEpicSimulator simulator, List<ActivityCode> codes, List<Employee> employees,
            Map<String, String> accessLevels, int maxDescriptionLength, int maxNoteLength) {
        this.simulator = simulator;
        this.codes = List.copyOf(codes);
        this.employees = List.copyOf(employees);
        this.accessLevels = new LinkedHashMap<>(accessLevels);
        this.maxDescriptionLength = maxDescriptionLength;
        this.maxNoteLength = maxNoteLength;
    }

    String codes(IncomingRequest request) {
        Map<String, String> params = request.queryParams();
        EpicAccountSearch.Paging paging = EpicAccountSearch.Paging.of(params);
        String code = params.get("code");
        List<ActivityCode> found = codes.stream().filter(c -> code == null || c.code().equalsIgnoreCase(code)).toList();
        ObjectNode body = json.createObjectNode().put("total", found.size());
        paging.links(body.putObject("_links"), request, params, found.size());
        ArrayNode list = body.putObject("_embedded").putArray("activityCodes");
        for (ActivityCode c : paging.page(found)) {
            ObjectNode node = list.addObject().put("id", c.id()).put("code", c.code()).put("description", c.description());
            node.putObject("_links").putObject("self").put("href", request.baseUrl() + PREFIX + "/codes/" + c.id());
        }
        return body.toString();
    }

    /** {@code GET /activities/notes/access-levels}: the agency's levels as the spec's HAL collection. */
    String accessLevels(IncomingRequest request) {
        Map<String, String> params = request.queryParams();
        EpicAccountSearch.Paging paging = EpicAccountSearch.Paging.of(params);
        List<Map.Entry<String, String>> levels = List.copyOf(accessLevels.entrySet());
        ObjectNode body = json.createObjectNode().put("total", levels.size());
        paging.links(body.putObject("_links"), request, params, levels.size());
        ArrayNode list = body.putObject("_embedded").putArray("accessLevels");
        for (Map.Entry<String, String> level : paging.page(levels)) {
            ObjectNode node = list.addObject().put("id", level.getKey()).put("description", level.getValue());
            node.putObject("_links").putObject("self").put("href",
                    request.baseUrl() + PREFIX + "/notes/access-levels/" + level.getKey());
        }
        return body.toString();
    }

    SimulatorResponse create(IncomingRequest request) {
        JsonNode in = parse(request.body());
        List<FieldProblem> problems = new ArrayList<>();
        String codeId = in.path("code").path("id").asText(in.path("activityCode").path("id").asText(""));
        Optional<ActivityCode> code = codes.stream().filter(c -> c.id().equals(codeId)).findFirst();
        if (code.isEmpty()) {
            problems.add(new FieldProblem("code.id", codeId.isEmpty() ? "Activity code is required" : "Activity code not found"));
        }
        JsonNode association = in.path("association");
        Optional<SimulatedClient> client = simulator.data().byId(association.path("id").asText(""));
        if (!association.path("type").asText("").equals("CLIENT")) {
            problems.add(new FieldProblem("association.type", "Only CLIENT associations exist in the sandbox"));
        } else if (client.isEmpty()) {
            problems.add(new FieldProblem("association.id", "Client not found"));
        }
        JsonNode organization = association.path("organization");
        if (organization.path("agency").path("id").asText("").isBlank() || organization.path("branch").path("id").asText("").isBlank()) {
            problems.add(new FieldProblem("association.organization", "Organization is required when associating to a client"));
        }
        String ownerId = in.path("owner").path("id").asText(code.map(ActivityCode::defaultOwnerId).orElse(""));
        Optional<Employee> owner = employees.stream().filter(e -> e.id().equals(ownerId)).findFirst();
        if (ownerId == null || ownerId.isEmpty()) {
            problems.add(new FieldProblem("owner", "Owner is required: the activity code has no default owner"));
        } else if (owner.isEmpty() || in.path("owner").path("type").asText("EMPLOYEE").equals("WORK_GROUP")) {
            problems.add(new FieldProblem("owner.id", "Owner not found"));
        }
        String description = in.path("description").asText(code.map(ActivityCode::description).orElse(""));
        if (description.length() > maxDescriptionLength) {
            problems.add(new FieldProblem("description", "Must be at most " + maxDescriptionLength + " characters"));
        }
        String status = in.path("status").asText("OPEN");
        JsonNode closed = in.path("closed");
        if (!status.equals("OPEN") && !status.equals("CLOSED")) {
            problems.add(new FieldProblem("status", "Must be OPEN or CLOSED"));
        } else if (status.equals("CLOSED") && !closed.path("successful").isBoolean()) {
            problems.add(new FieldProblem("closed.successful", "Required when the status is CLOSED"));
        } else if (status.equals("CLOSED") && !closed.path("successful").asBoolean()
                && closed.path("unsuccessfulReason").asText("").isBlank()) {
            problems.add(new FieldProblem("closed.unsuccessfulReason", "Required when closed unsuccessfully"));
        }
        for (String field : List.of("startFollowUpOn", "endFollowUpOn", "followUpReminderOn")) {
            dateTime(in.path(field).asText(null), field, problems);
        }
        if (in.has("note")) {
            noteProblems(in.path("note"), "note.", problems);
        }
        if (!problems.isEmpty()) {
            throw EpicProblem.badRequest(problems);
        }
        String id = UUID.randomUUID().toString();
        String now = simulator.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
        simulator.recordCreated(new CreatedRecord(Kind.ACTIVITY, id, client.get().id(), null, description,
                simulator.clock().instant()));
        String noteId = UUID.randomUUID().toString();
        if (in.has("note")) {
            simulator.recordCreated(new CreatedRecord(Kind.NOTE, noteId, client.get().id(), id,
                    in.path("note").path("content").asText(), simulator.clock().instant()));
        }
        ObjectNode activity = activity(request.baseUrl(), id, in, code.get(), client.get(), owner.get(), description,
                status, now);
        remember(id, listItem(activity));
        if (in.has("note")) {
            remember(noteId, note(noteId, in.path("note").path("accessLevel").path("id").asText(),
                    in.path("note").path("content").asText(), now));
        }
        return SimulatorResponse.of(201, "application/hal+json", activity.toString())
                .withHeader("Location", request.baseUrl() + PREFIX + "/" + id);
    }

    SimulatorResponse addNote(IncomingRequest request, String activityId) {
        CreatedRecord activity = simulator.findCreated(Kind.ACTIVITY, activityId).orElseThrow(() -> EpicProblem.of(404));
        JsonNode in = parse(request.body());
        List<FieldProblem> problems = new ArrayList<>();
        noteProblems(in, "", problems);
        if (!problems.isEmpty()) {
            throw EpicProblem.badRequest(problems);
        }
        String id = UUID.randomUUID().toString();
        String content = in.path("content").asText();
        simulator.recordCreated(new CreatedRecord(Kind.NOTE, id, activity.clientId(), activityId, content,
                simulator.clock().instant()));
        ObjectNode out = note(id, in.path("accessLevel").path("id").asText(), content,
                simulator.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
        remember(id, out);
        return SimulatorResponse.of(200, "application/json", out.toString());
    }

    /**
     * {@code GET /clients/{clientId}/activities}: the client's activities as the spec's HAL collection of
     * ActivityList items, filtered by {@code status} and {@code enteredByDate[_after|_before]} (a date compares
     * by the UTC day, a date-time by the instant; the spec leaves the format open). Unknown client: 404.
     */
    String ofClient(IncomingRequest request, String clientId) {
        SimulatedClient client = simulator.data().byId(clientId).orElseThrow(() -> EpicProblem.of(404));
        Map<String, String> params = request.queryParams();
        EpicAccountSearch.Paging paging = EpicAccountSearch.Paging.of(params);
        String status = params.get("status");
        if (status != null && !status.equals("OPEN") && !status.equals("CLOSED")) {
            throw EpicProblem.badRequest("status", "Must be OPEN or CLOSED");
        }
        EpicEnteredFilter on = EpicEnteredFilter.of(params, "enteredByDate");
        EpicEnteredFilter after = EpicEnteredFilter.of(params, "enteredByDate_after");
        EpicEnteredFilter before = EpicEnteredFilter.of(params, "enteredByDate_before");
        List<ObjectNode> found = new ArrayList<>();
        for (CreatedRecord record : simulator.created()) {
            ObjectNode item = listed(record.id());
            if (record.kind() == Kind.ACTIVITY && record.clientId().equals(client.id()) && item != null
                    && (status == null || status.equals(item.path("status").asText()))
                    && on.same(record.createdAt()) && after.after(record.createdAt()) && before.before(record.createdAt())) {
                found.add(item);
            }
        }
        ObjectNode body = json.createObjectNode().put("total", found.size());
        paging.links(body.putObject("_links"), request, params, found.size());
        ArrayNode list = body.putObject("_embedded").putArray("activities");
        for (ObjectNode item : paging.page(found)) {
            ObjectNode node = list.addObject().setAll(item.deepCopy());
            node.putObject("_links").putObject("self").put("href", request.baseUrl() + PREFIX + "/" + item.path("id").asText());
        }
        return body.toString();
    }

    /** {@code GET /activities/{id}/notes}: the activity's notes, oldest first, as the spec's HAL collection. */
    String notes(IncomingRequest request, String activityId) {
        simulator.findCreated(Kind.ACTIVITY, activityId).orElseThrow(() -> EpicProblem.of(404));
        Map<String, String> params = request.queryParams();
        EpicAccountSearch.Paging paging = EpicAccountSearch.Paging.of(params);
        List<ObjectNode> found = new ArrayList<>();
        for (CreatedRecord record : simulator.created()) {
            ObjectNode note = listed(record.id());
            if (record.kind() == Kind.NOTE && activityId.equals(record.parentId()) && note != null) {
                found.add(note);
            }
        }
        ObjectNode body = json.createObjectNode().put("total", found.size());
        paging.links(body.putObject("_links"), request, params, found.size());
        ArrayNode list = body.putObject("_embedded").putArray("notes");
        for (ObjectNode note : paging.page(found)) {
            ObjectNode node = list.addObject().setAll(note.deepCopy());
            node.putObject("_links").putObject("self").put("href",
                    request.baseUrl() + PREFIX + "/notes/" + note.path("id").asText());
        }
        return body.toString();
    }

    private ObjectNode note(String id, String level, String content, String enteredOn) {
        ObjectNode out = json.createObjectNode().put("id", id);
        out.putObject("accessLevel").put("id", level).put("description", accessLevels.get(level));
        out.put("content", content);
        out.putObject("enteredBy").put("userCode", API_USER).put("date", enteredOn);
        return out;
    }

    /** The ActivityList shape of the spec: the code as a string, the association's type only. */
    private ObjectNode listItem(ObjectNode activity) {
        ObjectNode item = json.createObjectNode().put("id", activity.path("id").asText())
                .put("code", activity.path("code").path("code").asText())
                .put("description", activity.path("description").asText())
                .put("associationType", activity.path("association").path("type").asText());
        item.set("owner", activity.path("owner").deepCopy());
        item.set("enteredBy", activity.path("enteredBy").deepCopy());
        item.set("lastUpdatedBy", activity.path("lastUpdatedBy").deepCopy());
        for (String field : List.of("startFollowUpOn", "endFollowUpOn")) {
            if (activity.hasNonNull(field)) {
                item.put(field, activity.path(field).asText());
            }
        }
        item.put("status", activity.path("status").asText());
        return item;
    }

    private void remember(String id, ObjectNode item) {
        synchronized (listed) {
            listed.put(id, item);
        }
    }

    private ObjectNode listed(String id) {
        synchronized (listed) {
            return listed.get(id);
        }
    }

    private ObjectNode activity(String base, String id, JsonNode in, ActivityCode code, SimulatedClient client,
            Employee owner, String description, String status, String now) {
        ObjectNode out = json.createObjectNode().put("id", id);
        out.putObject("account").put("id", client.id()).put("type", "CLIENT").put("lookupCode", client.lookupCode())
                .put("name", client.displayName());
        out.putObject("association").put("type", "CLIENT").put("id", client.id());
        out.putObject("code").put("id", code.id()).put("code", code.code());
        out.putObject("activityCode").put("id", code.id()).put("code", code.code());
        out.put("description", description);
        out.putObject("owner").put("type", "EMPLOYEE").put("id", owner.id()).put("code", owner.code())
                .put("name", owner.name());
        out.putObject("enteredBy").put("userCode", API_USER).put("date", now);
        out.putObject("lastUpdatedBy").put("userCode", API_USER).put("date", now);
        for (String field : List.of("startFollowUpOn", "endFollowUpOn", "followUpReminderOn")) {
            if (in.hasNonNull(field)) {
                out.put(field, in.path(field).asText());
            }
        }
        out.put("status", status);
        if (status.equals("CLOSED")) {
            out.set("closed", in.path("closed").deepCopy());
        }
        ObjectNode links = out.putObject("_links");
        links.putObject("self").put("href", base + PREFIX + "/" + id);
        links.putObject("account").put("href", base + "/epic/client/v1/clients/" + client.id());
        links.putObject("association").put("href", base + "/epic/client/v1/clients/" + client.id());
        return out;
    }

    private void noteProblems(JsonNode note, String prefix, List<FieldProblem> problems) {
        if (!accessLevels.containsKey(note.path("accessLevel").path("id").asText(""))) {
            problems.add(new FieldProblem(prefix + "accessLevel.id", "Access level not found"));
        }
        String content = note.path("content").asText("");
        if (content.isBlank()) {
            problems.add(new FieldProblem(prefix + "content", "Content is required"));
        } else if (content.length() > maxNoteLength) {
            problems.add(new FieldProblem(prefix + "content", "Must be at most " + maxNoteLength + " characters"));
        }
    }

    private static void dateTime(String value, String field, List<FieldProblem> problems) {
        try {
            if (value != null) {
                OffsetDateTime.parse(value);
            }
        } catch (DateTimeParseException e) {
            problems.add(new FieldProblem(field, "Must be an ISO-8601 date-time with offset"));
        }
    }

    private JsonNode parse(String body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw EpicProblem.badRequest("body", "A JSON object is required");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw EpicProblem.badRequest("body", "The body is not valid JSON");
        }
    }
}
