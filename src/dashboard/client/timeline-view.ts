import { el, formatTime } from "./dom";

export interface TimelineEvent {
  id: string;
  type: string;
  subjectId: string;
  occurredAt: string;
}

const MAX_EVENTS = 40;

/** The Chronicle timeline: newest first, each event once. */
export function createTimelineView(list: HTMLOListElement) {
  const events = new Map<string, TimelineEvent>();
  return {
    add(event: TimelineEvent) {
      events.set(event.id, event);
      const newest = [...events.values()].sort((a, b) => b.occurredAt.localeCompare(a.occurredAt)).slice(0, MAX_EVENTS);
      list.replaceChildren(
        ...newest.map((e) => el("li", { "data-event-id": e.id }, el("time", {}, formatTime(e.occurredAt)), el("code", {}, e.type), el("span", { class: "subject" }, e.subjectId))),
      );
    },
  };
}
