// Lianfang's BPMN extension (namespace urn:lianfang:bpmn:1, prefix lf; docs/api.md, "Flows"): a task's step
// properties live in `<bpmn:extensionElements><lf:step post=… timeLimitDays=…><lf:limit post amount/></lf:step>`.
// The moddle descriptor makes bpmn-js read and write them (so they survive import and export); the helpers here
// read a task's properties for the side panel and write them back through the modeler's undoable commands.
// Only types are imported from bpmn-js: this module does not pull the library into a bundle.
import type Modeling from 'bpmn-js/lib/features/modeling/Modeling';
import type { Element, Moddle, ModdleElement } from 'bpmn-js/lib/model/Types';
import type { RiskLevel } from '@/api/types';
import descriptor from './lianfang-moddle.json';

/** Pass as `moddleExtensions: { lf: lianfangModdle }`. Tags are lower case (`lf:step`), as the server reads them. */
export const lianfangModdle = descriptor;

export const LF_STEP = 'lf:Step';
export const LF_LIMIT = 'lf:Limit';
/** The marker class put on elements named by a refused save's issues (red outline, flow.css). */
export const ERROR_MARKER = 'lf-flow-error';

/** A step that carries risk points (the viewer colours it by the highest level and puts `label` in a badge). */
export interface RiskMark {
  id: string;
  level: RiskLevel;
  count: number;
  label: string;
}

/** A step's properties as the side panel edits them; amounts in fen. */
export interface StepProps {
  name: string;
  /** A post id as text; a document from elsewhere may hold a post name. Empty: the lane decides. */
  post: string;
  timeLimitDays: number | null;
  differentFrom: string[];
  limits: { post: string; amountFen: number | null }[];
  collectiveAboveFen: number | null;
  materials: string;
  supervisionPoint: boolean;
}

/** The attributes of `lf:step` (everything but the name and the limits). */
export type StepAttrs = Pick<StepProps, 'post' | 'timeLimitDays' | 'differentFrom' | 'collectiveAboveFen' | 'materials' | 'supervisionPoint'>;

function isA(bo: ModdleElement | undefined, type: string): boolean {
  return Boolean(bo && typeof bo.$instanceOf === 'function' && bo.$instanceOf(type));
}

/** Tasks (user, manual, service… tasks) are the steps of a flow; labels are not. */
export function isTask(element: Element | null | undefined): boolean {
  return Boolean(element && element.type !== 'label' && isA(element.businessObject, 'bpmn:Task'));
}

export function stepOf(bo: ModdleElement): ModdleElement | undefined {
  const values: ModdleElement[] = bo?.extensionElements?.values ?? [];
  return values.find((v) => isA(v, LF_STEP));
}

function toInt(value: unknown): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : null;
}

export function splitRefs(value: unknown): string[] {
  return String(value ?? '').split(/\s+/).filter(Boolean);
}

export function readStep(element: Element): StepProps {
  const bo = element.businessObject;
  const step = stepOf(bo);
  return {
    name: bo.name ?? '',
    post: step?.post != null ? String(step.post) : '',
    timeLimitDays: toInt(step?.timeLimitDays),
    differentFrom: splitRefs(step?.differentFrom),
    limits: ((step?.limits ?? []) as ModdleElement[]).map((l) => ({ post: String(l.post ?? ''), amountFen: toInt(l.amount) })),
    collectiveAboveFen: toInt(step?.collectiveAbove),
    materials: step?.materials ?? '',
    supervisionPoint: step?.supervisionPoint === true || step?.supervisionPoint === 'true',
  };
}

/** moddle attribute values for `attrs`; empty values become undefined, which removes the attribute. */
function attrValues(attrs: Partial<StepAttrs>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if ('post' in attrs) out.post = attrs.post ? attrs.post : undefined;
  if ('timeLimitDays' in attrs) out.timeLimitDays = attrs.timeLimitDays ?? undefined;
  if ('differentFrom' in attrs) out.differentFrom = attrs.differentFrom?.length ? attrs.differentFrom.join(' ') : undefined;
  if ('collectiveAboveFen' in attrs) out.collectiveAbove = attrs.collectiveAboveFen != null ? String(attrs.collectiveAboveFen) : undefined;
  if ('materials' in attrs) out.materials = attrs.materials ? attrs.materials : undefined;
  if ('supervisionPoint' in attrs) out.supervisionPoint = attrs.supervisionPoint ? true : undefined;
  return out;
}

/** Writes step properties into tasks through `modeling` (each change is one undoable command). */
export class StepWriter {
  constructor(private readonly modeling: Modeling, private readonly moddle: Moddle) {}

  /** The task's `lf:step`, created (with its extensionElements) when missing. */
  private ensureStep(element: Element): ModdleElement {
    const bo = element.businessObject;
    let ext = bo.extensionElements;
    if (!ext) {
      ext = this.moddle.create('bpmn:ExtensionElements', { values: [] });
      ext.$parent = bo;
      this.modeling.updateProperties(element, { extensionElements: ext });
    }
    let step = stepOf(bo);
    if (!step) {
      step = this.moddle.create(LF_STEP);
      step.$parent = ext;
      this.modeling.updateModdleProperties(element, ext, { values: [...(ext.values ?? []), step] });
    }
    return step;
  }

  setName(element: Element, name: string): void {
    if ((element.businessObject.name ?? '') === name) return;
    this.modeling.updateLabel(element, name);
  }

  setAttrs(element: Element, attrs: Partial<StepAttrs>): void {
    this.modeling.updateModdleProperties(element, this.ensureStep(element), attrValues(attrs));
  }

  setLimits(element: Element, limits: StepProps['limits']): void {
    const step = this.ensureStep(element);
    const list = limits
      .filter((l) => l.post || l.amountFen != null)
      .map((l) => {
        const limit = this.moddle.create(LF_LIMIT, {
          post: l.post || undefined,
          amount: l.amountFen != null ? String(l.amountFen) : undefined,
        });
        limit.$parent = step;
        return limit;
      });
    this.modeling.updateModdleProperties(element, step, { limits: list });
  }
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** A new flow: start → one task → end, laid out, for "draw the flow". */
export function starterXml(names: { process: string; start: string; task: string; end: string }): string {
  const n = {
    process: escapeXml(names.process), start: escapeXml(names.start), task: escapeXml(names.task), end: escapeXml(names.end),
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:lf="urn:lianfang:bpmn:1" id="Definitions_1" targetNamespace="urn:lianfang:flows">
  <bpmn:process id="Process_1" name="${n.process}" isExecutable="false">
    <bpmn:startEvent id="Start_1" name="${n.start}">
      <bpmn:outgoing>Flow_1</bpmn:outgoing>
    </bpmn:startEvent>
    <bpmn:userTask id="Task_1" name="${n.task}">
      <bpmn:incoming>Flow_1</bpmn:incoming>
      <bpmn:outgoing>Flow_2</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:endEvent id="End_1" name="${n.end}">
      <bpmn:incoming>Flow_2</bpmn:incoming>
    </bpmn:endEvent>
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start_1" targetRef="Task_1" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_1" targetRef="End_1" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="Process_1">
      <bpmndi:BPMNShape id="Start_1_di" bpmnElement="Start_1">
        <dc:Bounds x="302" y="102" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="306" y="145" width="28" height="14" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="Task_1_di" bpmnElement="Task_1">
        <dc:Bounds x="400" y="80" width="100" height="80" />
      </bpmndi:BPMNShape>
      <bpmndi:BPMNShape id="End_1_di" bpmnElement="End_1">
        <dc:Bounds x="562" y="102" width="36" height="36" />
        <bpmndi:BPMNLabel><dc:Bounds x="566" y="145" width="28" height="14" /></bpmndi:BPMNLabel>
      </bpmndi:BPMNShape>
      <bpmndi:BPMNEdge id="Flow_1_di" bpmnElement="Flow_1">
        <di:waypoint x="338" y="120" />
        <di:waypoint x="400" y="120" />
      </bpmndi:BPMNEdge>
      <bpmndi:BPMNEdge id="Flow_2_di" bpmnElement="Flow_2">
        <di:waypoint x="500" y="120" />
        <di:waypoint x="562" y="120" />
      </bpmndi:BPMNEdge>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
