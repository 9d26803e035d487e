import { describe, expect, it } from "vitest";
import { deliveryOutcome, deliveryStanding, eventWord, nextAttemptWords } from "@/components/alerts/delivery-words";

describe("a delivery in the log", () => {
  it("names where it stands, giving up plainly", () => {
    expect(deliveryStanding({ status: "delivered", attempts: 1 })).toEqual({ label: "Delivered", tone: "ok" });
    expect(deliveryStanding({ status: "pending", attempts: 0 })).toEqual({ label: "Sending", tone: "waiting" });
    expect(deliveryStanding({ status: "pending", attempts: 2 })).toEqual({ label: "Retrying", tone: "waiting" });
    expect(deliveryStanding({ status: "failed", attempts: 5 })).toEqual({ label: "Gave up", tone: "failed" });
  });

  it("says what the receiver answered, or why nothing came back", () => {
    expect(deliveryOutcome({ responseStatus: 200, error: null, attempts: 1 })).toBe("HTTP 200");
    const gaveUp = "gave up after 5 attempts: the receiver answered HTTP 500";
    expect(deliveryOutcome({ responseStatus: 500, error: gaveUp, attempts: 5 })).toBe(gaveUp);
    expect(deliveryOutcome({ responseStatus: null, error: "connection refused (ECONNREFUSED)", attempts: 1 })).toBe("connection refused (ECONNREFUSED)");
    expect(deliveryOutcome({ responseStatus: null, error: null, attempts: 0 })).toBe("not sent yet");
  });

  it("has a word for every event", () => {
    expect(["server.at-risk", "server.recovered", "test"].map((e) => eventWord(e as "test"))).toEqual(["At risk", "Recovered", "Test"]);
  });
});

describe("the next attempt", () => {
  it("is shown to the second, in UTC", () => {
    expect(nextAttemptWords("2026-12-02T17:00:30.250Z")).toBe("at 17:00:30 UTC");
  });
});
