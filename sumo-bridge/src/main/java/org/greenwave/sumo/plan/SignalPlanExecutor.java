package org.greenwave.sumo.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.greenwave.contracts.signal.ControllerState;
import org.greenwave.contracts.signal.TimingPlan;
import org.greenwave.contracts.signal.TimingPlan.PhaseTiming;
import org.greenwave.sumo.net.NetworkModel;
import org.greenwave.sumo.net.SignalStates;

/**
 * Executes timing plans at one signal the way a field controller does. Pure logic: it is told the time, the fixed
 * program's current phase and where vehicles wait, and answers what the signal must show.
 *
 * <ul>
 *   <li>Phases run in list order, cyclic. A phase's green counts from the moment its green started.</li>
 *   <li>A new plan takes over at once: when the phase now green is in it, that phase continues and ends when its
 *       green reaches the new plan's {@code greenSeconds} (at once if already past, never before its
 *       {@code minGreenSeconds}); with {@code maxGreenSeconds > greenSeconds} it is extended second by second up to
 *       {@code maxGreenSeconds} while vehicles are detected near the stop line of its green approaches (gap-out).
 *       A phase the new plan does not contain ends once it has had the intersection's minimum green; the plan's
 *       first phase follows.</li>
 *   <li>From phase p to q: links green in p and not in q show yellow for p's {@code yellowSeconds}, then red for
 *       p's {@code allRedSeconds} while q's newly green links still wait; links green in both stay green.</li>
 *   <li>The last valid plan runs until a new one arrives. After {@code planTimeout} without a valid plan the
 *       signal returns to the scenario's fixed-time program (safely: minimum green, yellow and all-red first) and
 *       takes plans again when a valid one arrives. Plans failing the checks are ignored and counted.</li>
 * </ul>
 */
public final class SignalPlanExecutor {

    /** What the signal must do now. */
    public sealed interface Action permits ShowState, ReturnToProgram {
    }

    /** Show this state until told otherwise. */
    public record ShowState(String state) implements Action {
    }

    /** Hand the signal back to its fixed-time program, at program step {@code phaseIndex}. */
    public record ReturnToProgram(String programId, int phaseIndex) implements Action {
    }

    private enum Mode { FALLBACK, PLAN }

    private enum Stage { GREEN, YELLOW, ALL_RED }

    private final String intersectionId;
    private final NetworkModel.Signal signal;
    private final int minGreen;
    private final int defaultYellow;
    private final double timeoutOverride;
    private final PlanCheck check;
    private final Consumer<ExecutorEvent> events;
    private final List<String> fixedStates;

    private Mode mode = Mode.FALLBACK;
    private TimingPlan plan;
    private TimingPlan pending;
    private double pendingFrom;
    private double lastPlanReceived = Double.NaN;
    private int rejected;

    // fixed-program tracking while in fallback
    private int fixedPhase = -1;
    private double fixedPhaseStart;
    private boolean waitingForFixedGreen;

    // plan execution
    private Stage stage = Stage.GREEN;
    private String greenState;
    private int greenPhaseIndex = -1;   // program phase index of the green shown (-1 unknown)
    private int planPosition = -1;      // its position in the plan, -1 when the plan does not contain it
    private double greenStart;
    private double stageEnd;
    private String yellowState;
    private String allRedState;
    private double allRedSeconds;
    private String targetState;
    private int targetPhaseIndex;
    private int targetPosition;
    private TimingPlan targetPlan;
    private boolean fallbackRequested;
    private int returnToFixedPhase = -1;

    /**
     * @param intersectionId  the id plans carry
     * @param signal          the signal (links, fixed program)
     * @param minGreen        the intersection's minimum green, seconds
     * @param defaultYellow   yellow when leaving a phase no plan describes, seconds
     * @param planTimeout     seconds without a valid plan before the fixed program returns; 0 or less for the
     *                        default max(2 cycles of the running plan, 120 s)
     * @param check           the acceptance check (e.g. the safety validator)
     * @param events          receives what the executor does
     */
    public SignalPlanExecutor(String intersectionId, NetworkModel.Signal signal, int minGreen, int defaultYellow,
                              double planTimeout, PlanCheck check, Consumer<ExecutorEvent> events) {
        this.intersectionId = intersectionId;
        this.signal = signal;
        this.minGreen = Math.max(1, minGreen);
        this.defaultYellow = Math.max(0, defaultYellow);
        this.timeoutOverride = planTimeout;
        this.check = check;
        this.events = events;
        this.fixedStates = signal.program().phases().stream().map(NetworkModel.ProgramPhase::state).toList();
    }

    public String intersectionId() {
        return intersectionId;
    }

    /** Plans ignored so far because they failed a check. */
    public int rejectedPlans() {
        return rejected;
    }

    /** True while the scenario's fixed-time program runs the signal. */
    public boolean inFallback() {
        return mode == Mode.FALLBACK;
    }

    /** The plan being executed (null before the first). */
    public TimingPlan plan() {
        return plan;
    }

    /** Seconds without a valid plan before fallback. */
    public double planTimeout() {
        if (timeoutOverride > 0) {
            return timeoutOverride;
        }
        TimingPlan p = pending != null ? pending : plan;
        int cycle = p == null ? 0 : Math.max(p.cycleSeconds(), cycleOf(p));
        return Math.max(2.0 * cycle, 120.0);
    }

    /**
     * Receives a plan at simulation time {@code now}; it runs from {@code validFrom} (simulation seconds, at once
     * when not later than now). Returns false when the plan was rejected.
     */
    public boolean offer(TimingPlan candidate, double now, double validFrom) {
        Optional<String> problem = structuralProblem(candidate);
        if (problem.isEmpty()) {
            problem = check.rejectionReason(candidate);
        }
        if (problem.isPresent()) {
            rejected++;
            events.accept(new ExecutorEvent(ExecutorEvent.Type.PLAN_REJECTED, now, intersectionId,
                    candidate.planId(), problem.get()));
            return false;
        }
        pending = candidate;
        pendingFrom = validFrom;
        lastPlanReceived = now;
        events.accept(new ExecutorEvent(ExecutorEvent.Type.PLAN_ACCEPTED, now, intersectionId, candidate.planId(),
                "runs from t=" + Math.max(now, validFrom)));
        return true;
    }

    /**
     * Advances to time {@code now} (called after every simulation step).
     *
     * @param now             simulation time, seconds
     * @param fixedPhaseIndex the fixed program's current step while in fallback (ignored otherwise)
     * @param fixedPhaseStart when that step started, simulation seconds
     * @param demand          true for an incoming lane with vehicles detected near its stop line
     * @return what the signal must show, or empty when nothing changes
     */
    public Optional<Action> tick(double now, int fixedPhaseIndex, double fixedPhaseStart, Predicate<String> demand) {
        if (mode == Mode.FALLBACK) {
            this.fixedPhase = fixedPhaseIndex;
            this.fixedPhaseStart = fixedPhaseStart;
        }
        Action action = null;
        if (pending != null && now >= pendingFrom) {
            action = adopt(pending, now);
            pending = null;
        }
        if (mode == Mode.FALLBACK) {
            if (waitingForFixedGreen && isFixedGreen(fixedPhase)) {
                action = takeOverFromFixed(now);
            }
            return Optional.ofNullable(action);
        }
        if (!fallbackRequested && !Double.isNaN(lastPlanReceived) && now - lastPlanReceived > planTimeout()) {
            fallbackRequested = true;
            events.accept(new ExecutorEvent(ExecutorEvent.Type.FALLBACK_ENTERED, now, intersectionId,
                    plan == null ? null : plan.planId(),
                    "no valid plan for " + Math.round(now - lastPlanReceived) + " s"));
        }
        Action next = advance(now, demand);
        return Optional.ofNullable(next != null ? next : action);
    }

    private Action adopt(TimingPlan next, double now) {
        plan = next;
        fallbackRequested = false;
        events.accept(new ExecutorEvent(ExecutorEvent.Type.PLAN_APPLIED, now, intersectionId, next.planId(),
                next.explanation()));
        if (mode == Mode.FALLBACK) {
            if (isFixedGreen(fixedPhase)) {
                return takeOverFromFixed(now);
            }
            waitingForFixedGreen = true; // take over when the fixed program reaches its next green
            return null;
        }
        if (stage == Stage.GREEN) {
            planPosition = positionOf(next, greenPhaseIndex, greenState);
        }
        // during yellow/all-red the target is looked up in the new plan when its green starts
        return null;
    }

    private Action takeOverFromFixed(double now) {
        mode = Mode.PLAN;
        waitingForFixedGreen = false;
        stage = Stage.GREEN;
        greenState = fixedStates.get(fixedPhase);
        greenPhaseIndex = fixedPhase;
        greenStart = fixedPhaseStart;
        planPosition = positionOf(plan, greenPhaseIndex, greenState);
        events.accept(new ExecutorEvent(ExecutorEvent.Type.FALLBACK_LEFT, now, intersectionId, plan.planId(),
                "plan takes over in program step " + fixedPhase));
        return new ShowState(greenState);
    }

    /**
     * What the controller shows and executes at {@code now} (after {@link #tick}), for
     * {@code signal.controller-states}; empty before the first tick.
     *
     * @param at {@code now} as a wall-clock instant of the run
     */
    public Optional<ControllerState> controllerState(double now, Instant at) {
        if (mode == Mode.FALLBACK) {
            if (fixedPhase < 0 || fixedPhase >= fixedStates.size()) {
                return Optional.empty();
            }
            boolean green = isFixedGreen(fixedPhase);
            return Optional.of(new ControllerState(intersectionId, at, fixedStates.get(fixedPhase),
                    green ? fixedPhase : nextFixedGreen(fixedPhase), !green,
                    green ? (int) Math.max(0, now - fixedPhaseStart) : 0, null, ControllerState.FALLBACK));
        }
        String shown = switch (stage) {
            case GREEN -> greenState;
            case YELLOW -> yellowState;
            case ALL_RED -> allRedState;
        };
        boolean transition = stage != Stage.GREEN;
        int phaseIndex = transition ? (returnToFixedPhase >= 0 ? returnToFixedPhase : targetPhaseIndex)
                : greenPhaseIndex;
        return Optional.of(new ControllerState(intersectionId, at, shown, Math.max(0, phaseIndex), transition,
                transition ? 0 : (int) Math.max(0, now - greenStart), plan == null ? null : plan.planId(),
                ControllerState.PLAN));
    }

    private Action advance(double now, Predicate<String> demand) {
        switch (stage) {
            case YELLOW -> {
                if (now < stageEnd) {
                    return null;
                }
                if (allRedSeconds > 0 && !allRedState.equals(targetState)) {
                    stage = Stage.ALL_RED;
                    stageEnd = now + allRedSeconds;
                    return new ShowState(allRedState);
                }
                return endTransition(now);
            }
            case ALL_RED -> {
                return now < stageEnd ? null : endTransition(now);
            }
            default -> {
                return green(now, demand);
            }
        }
    }

    private Action green(double now, Predicate<String> demand) {
        double elapsed = now - greenStart;
        if (fallbackRequested) {
            if (elapsed < minGreen) {
                return null;
            }
            int same = fixedStates.indexOf(greenState);
            if (same >= 0) {
                return returnToFixed(same);
            }
            int firstGreen = firstFixedGreen();
            return startTransition(now, fixedStates.get(firstGreen), firstGreen, -1, defaultYellow,
                    maxAllRed(plan), firstGreen);
        }
        if (planPosition < 0) {
            if (elapsed < minGreen) {
                return null;
            }
            PhaseTiming first = plan.phases().get(0);
            return startTransition(now, first.state(), first.phaseIndex(), 0, defaultYellow, maxAllRed(plan), -1);
        }
        PhaseTiming phase = plan.phases().get(planPosition);
        double shortest = Math.max(phase.minGreenSeconds(), minGreen);
        double planned = Math.max(phase.greenSeconds(), shortest);
        if (elapsed < planned) {
            return null;
        }
        if (phase.maxGreenSeconds() > phase.greenSeconds() && elapsed < phase.maxGreenSeconds()
                && demandOnGreenApproaches(phase.state(), demand)) {
            return null; // extend by one more second
        }
        int nextPosition = (planPosition + 1) % plan.phases().size();
        PhaseTiming next = plan.phases().get(nextPosition);
        return startTransition(now, next.state(), next.phaseIndex(), nextPosition, phase.yellowSeconds(),
                phase.allRedSeconds(), -1);
    }

    private Action startTransition(double now, String toState, int toPhaseIndex, int toPosition, double yellow,
                                   double allRed, int fixedPhaseAfter) {
        targetState = toState;
        targetPhaseIndex = toPhaseIndex;
        targetPosition = toPosition;
        targetPlan = plan;
        returnToFixedPhase = fixedPhaseAfter;
        yellowState = SignalStates.yellowBetween(greenState, toState);
        allRedState = SignalStates.allRedBetween(greenState, toState);
        allRedSeconds = allRed;
        if (yellowState.equals(greenState)) {
            return endTransition(now); // no link loses green: nothing to clear
        }
        if (yellow <= 0) {
            if (allRed > 0) {
                stage = Stage.ALL_RED;
                stageEnd = now + allRed;
                return new ShowState(allRedState);
            }
            return endTransition(now);
        }
        stage = Stage.YELLOW;
        stageEnd = now + yellow;
        return new ShowState(yellowState);
    }

    private Action endTransition(double now) {
        if (returnToFixedPhase >= 0 && fallbackRequested) {
            return returnToFixed(returnToFixedPhase);
        }
        stage = Stage.GREEN;
        greenState = targetState;
        greenPhaseIndex = targetPhaseIndex;
        greenStart = now;
        planPosition = plan == targetPlan && targetPosition >= 0 ? targetPosition
                : positionOf(plan, targetPhaseIndex, targetState);
        returnToFixedPhase = -1;
        return new ShowState(greenState);
    }

    private Action returnToFixed(int fixedIndex) {
        mode = Mode.FALLBACK;
        fallbackRequested = false;
        returnToFixedPhase = -1;
        stage = Stage.GREEN;
        fixedPhase = fixedIndex;
        plan = null;
        return new ReturnToProgram(signal.program().programId(), fixedIndex);
    }

    private boolean demandOnGreenApproaches(String state, Predicate<String> demand) {
        for (NetworkModel.Link link : signal.links()) {
            if (!link.pedestrian() && !link.fromLane().isEmpty() && link.index() < state.length()
                    && SignalStates.isGreenLight(state.charAt(link.index())) && demand.test(link.fromLane())) {
                return true;
            }
        }
        return false;
    }

    private boolean isFixedGreen(int index) {
        return index >= 0 && index < fixedStates.size() && SignalStates.isGreenPhase(fixedStates.get(index));
    }

    private int nextFixedGreen(int from) {
        for (int k = 1; k <= fixedStates.size(); k++) {
            int i = (from + k) % fixedStates.size();
            if (SignalStates.isGreenPhase(fixedStates.get(i))) {
                return i;
            }
        }
        return 0;
    }

    private int firstFixedGreen() {
        for (int i = 0; i < fixedStates.size(); i++) {
            if (SignalStates.isGreenPhase(fixedStates.get(i))) {
                return i;
            }
        }
        return 0;
    }

    /** Where a phase is in a plan: same program phase index and state, else same state; -1 if absent. */
    static int positionOf(TimingPlan plan, int phaseIndex, String state) {
        if (plan == null) {
            return -1;
        }
        List<PhaseTiming> phases = plan.phases();
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).phaseIndex() == phaseIndex && phases.get(i).state().equals(state)) {
                return i;
            }
        }
        for (int i = 0; i < phases.size(); i++) {
            if (phases.get(i).state().equals(state)) {
                return i;
            }
        }
        return -1;
    }

    private static double maxAllRed(TimingPlan plan) {
        return plan == null ? 0 : plan.phases().stream().mapToInt(PhaseTiming::allRedSeconds).max().orElse(0);
    }

    private static int cycleOf(TimingPlan plan) {
        return plan.phases().stream().mapToInt(p -> p.greenSeconds() + p.yellowSeconds() + p.allRedSeconds()).sum();
    }

    private Optional<String> structuralProblem(TimingPlan p) {
        if (!intersectionId.equals(p.intersectionId())) {
            return Optional.of("plan is for " + p.intersectionId() + ", not " + intersectionId);
        }
        if (p.phases() == null || p.phases().isEmpty()) {
            return Optional.of("plan has no phases");
        }
        for (PhaseTiming ph : p.phases()) {
            if (ph.state() == null || ph.state().length() != signal.linkCount()) {
                return Optional.of("phase " + ph.phaseIndex() + ": state must have " + signal.linkCount()
                        + " signals, one per link");
            }
            if (!SignalStates.isGreenPhase(ph.state())) {
                return Optional.of("phase " + ph.phaseIndex() + ": state " + ph.state() + " is not a green phase");
            }
            if (ph.greenSeconds() <= 0 || ph.minGreenSeconds() < 0 || ph.yellowSeconds() < 0
                    || ph.allRedSeconds() < 0) {
                return Optional.of("phase " + ph.phaseIndex() + ": times must be positive");
            }
        }
        return Optional.empty();
    }
}
