package org.allyledger.commitment.sponsorship.api;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.allyledger.contracts.CloudEventHeaders;
import org.allyledger.contracts.Topics;
import org.allyledger.infra.testing.AuthTestResource;
import org.allyledger.infra.testing.KafkaTestResource;
import org.allyledger.infra.testing.PostgresTestResource;
import org.allyledger.infra.testing.TopicReader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.allyledger.commitment.Api.asAdmin;
import static org.allyledger.commitment.Api.asEmployee;
import static org.allyledger.commitment.Api.asHr;
import static org.allyledger.commitment.Api.newPerson;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@WithTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "commitment"))
@WithTestResource(KafkaTestResource.class)
@WithTestResource(AuthTestResource.class)
class InitiativesApiTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    static String launch(Integer capacity) {
        return asAdmin().body("""
                        {"name": "Inclusive hiring panels", "erg": "Women in Tech", "year": %d, "sponsorCapacity": %s}"""
                        .formatted(LocalDate.now().getYear(), capacity))
                .post("/initiatives").then().statusCode(201).header("ETag", "\"1\"").extract().path("id");
    }

    @Test
    void anAllyPledgesOnceFulfilsWithAnOutcomeAndTheEventsArePublishedInOrder() {
        String id = launch(null);
        String ally = newPerson("Sales");
        asEmployee(ally).body("{}").post("/initiatives/{id}/sponsorships", id).then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/initiatives/" + id + "/sponsorships/" + ally))
                .body("sponsors", hasSize(1)).body("sponsors[0].status", equalTo("PLEDGED"));
        asEmployee(ally).body("{}").post("/initiatives/{id}/sponsorships", id).then().statusCode(409)
                .body("type", equalTo("https://allyledger.org/problems/already-pledged"));
        asEmployee(ally).body("{\"outcome\": \"Sat on six interview panels.\"}")
                .post("/initiatives/{id}/sponsorships/{ally}/fulfilment", id, ally).then().statusCode(200)
                .body("sponsors[0].status", equalTo("FULFILLED"));
        asAdmin().post("/initiatives/{id}/closure", id).then().statusCode(200).body("open", equalTo(false));

        try (TopicReader sponsorships = new TopicReader(kafka, Topics.SPONSORSHIPS)) {
            var events = sponsorships.await(TopicReader.keyed(id), 4, Duration.ofSeconds(30));
            assertEquals(List.of("InitiativeLaunched", "SponsorshipPledged", "SponsorshipFulfilled", "InitiativeClosed"),
                    events.stream().map(e -> TopicReader.header(e, CloudEventHeaders.TYPE).split("\\.")[3]).toList());
        }
    }

    @Test
    void concurrentPledgesForTheLastPlaceGiveOneSponsor() throws Exception {
        String id = launch(1);
        List<String> allies = List.of(newPerson("Sales"), newPerson("Sales"), newPerson("Sales"));
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Callable<Integer>> pledges = new ArrayList<>();
            for (String ally : allies) {
                pledges.add(() -> asEmployee(ally).body("{}").post("/initiatives/{id}/sponsorships", id).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(pledges)) {
                statuses.add(status.get());
            }
            assertEquals(List.of(201, 409, 409), statuses.stream().sorted().toList());
        } finally {
            clients.shutdown();
        }
        asAdmin().get("/initiatives/{id}", id).then().body("placesTaken", equalTo(1)).body("sponsors", hasSize(1));
    }

    /** One initiative is one stream: every pledge to it collides with the others, and none without If-Match is refused for that. */
    @Test
    void manyAlliesPledgingAtOnceWithoutIfMatchAreAllSponsors() throws Exception {
        String id = launch(null);
        List<String> allies = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            allies.add(newPerson("Sales"));
        }
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> pledges = new ArrayList<>();
            for (String ally : allies) {
                pledges.add(() -> asEmployee(ally).body("{}").post("/initiatives/{id}/sponsorships", id).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : clients.invokeAll(pledges)) {
                statuses.add(status.get());
            }
            assertEquals(Collections.nCopies(allies.size(), 201), statuses);
        } finally {
            clients.shutdown();
        }
        asAdmin().get("/initiatives/{id}", id).then().header("ETag", "\"" + (1 + allies.size()) + "\"")
                .body("placesTaken", equalTo(allies.size())).body("sponsors", hasSize(allies.size()));
    }

    @Test
    void employeesSeeOnlyTheirOwnPledgeAndTheListFiltersByYear() {
        String id = launch(null);
        String ally = newPerson("Sales");
        String other = newPerson("Sales");
        asHr().body("{\"allyId\": \"" + ally + "\"}").post("/initiatives/{id}/sponsorships", id).then().statusCode(201);
        asEmployee(other).get("/initiatives/{id}", id).then().statusCode(200).body("placesTaken", equalTo(1)).body("sponsors", hasSize(0));
        asEmployee(ally).get("/initiatives/{id}", id).then().statusCode(200).body("sponsors", hasSize(1));
        org.junit.jupiter.api.Assertions.assertTrue(allIds(ally, LocalDate.now().getYear()).contains(id));
        org.junit.jupiter.api.Assertions.assertFalse(allIds(ally, LocalDate.now().getYear() + 1).contains(id));
    }

    /** Follows the cursor through every page of a year's initiatives. */
    private static List<String> allIds(String employee, int year) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = asEmployee(employee).queryParam("year", year).queryParam("limit", 100)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/initiatives").then().statusCode(200).extract().jsonPath();
            ids.addAll(page.getList("items.id", String.class));
            cursor = page.getString("next");
        } while (cursor != null);
        return ids;
    }

    @Test
    void aDepartedAllyCannotPledgeAndAClosedInitiativeTakesNoPledge() {
        String id = launch(null);
        String departed = newPerson("Sales");
        asHr().body("{}").post("/people/{id}/departure", departed).then().statusCode(200);
        asEmployee(departed).body("{}").post("/initiatives/{id}/sponsorships", id).then().statusCode(422)
                .body("errors[0].field", equalTo("allyId"));
        asAdmin().post("/initiatives/{id}/closure", id).then().statusCode(200);
        asEmployee(newPerson("Sales")).body("{}").post("/initiatives/{id}/sponsorships", id).then().statusCode(409)
                .body("type", equalTo("https://allyledger.org/problems/initiative-closed"));
    }

    @Test
    void onlyProgramAdminsLaunchAndClose() {
        asEmployee("someone").body("{\"name\": \"x\", \"erg\": \"y\", \"year\": 2026}").post("/initiatives").then().statusCode(403);
        asHr().post("/initiatives/{id}/closure", launch(null)).then().statusCode(403);
    }
}
