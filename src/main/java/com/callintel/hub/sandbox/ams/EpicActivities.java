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
 * details required for a CLOSED status) and {@code POST /activities/{id}/notes} (200).
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
        if (in.has("note")) {
            simulator.recordCreated(new CreatedRecord(Kind.NOTE, UUID.randomUUID().toString(), client.get().id(), id,
                    in.path("note").path("content").asText(), simulator.clock().instant()));
        }
        return SimulatorResponse.of(201, "application/hal+json", activity(request.baseUrl(), id, in, code.get(),
                client.get(), owner.get(), description, status, now).toString())
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
        String level = in.path("accessLevel").path("id").asText();
        ObjectNode out = json.createObjectNode().put("id", id);
        out.putObject("accessLevel").put("id", level).put("description", accessLevels.get(level));
        out.put("content", content);
        out.putObject("enteredBy").put("userCode", API_USER)
                .put("date", simulator.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return SimulatorResponse.of(200, "application/json", out.toString());
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
