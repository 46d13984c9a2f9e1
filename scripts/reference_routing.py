#!/usr/bin/env python3
"""Reference solver for `farmgate bench routing --reference`: OR-Tools' routing solver
(guided local search) on the very problem the bench plans, read as JSON from stdin, within the
same time limit. Prints {"distance", "vehicles", "served"} as JSON.

Setup, outside the repository:
    python3 -m venv ~/.cache/farmgate-vrp-venv && ~/.cache/farmgate-vrp-venv/bin/pip install ortools
    farmgate bench routing --reference --python ~/.cache/farmgate-vrp-venv/bin/python
"""

import json
import sys

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

# OR-Tools counts in 64-bit integers; "never closes" windows are cut to this horizon.
HORIZON = 2**40
DROP_PENALTY = 10**12


def solve(request):
    size = len(request["distances"])
    depot, vehicles = request["depot"], request["vehicles"]
    manager = pywrapcp.RoutingIndexManager(size, vehicles, depot)
    routing = pywrapcp.RoutingModel(manager)
    node = manager.IndexToNode

    distances = request["distances"]
    distance = routing.RegisterTransitCallback(lambda a, b: distances[node(a)][node(b)])
    routing.SetArcCostEvaluatorOfAllVehicles(distance)

    demands = request["demands"]
    demand = routing.RegisterUnaryTransitCallback(lambda a: demands[node(a)])
    routing.AddDimensionWithVehicleCapacity(
        demand, 0, [request["capacity"]] * vehicles, True, "load"
    )

    windows = request["windows"]
    if windows is not None:
        durations, service = request["durations"], request["service"]
        travel = routing.RegisterTransitCallback(
            lambda a, b: service[node(a)] + durations[node(a)][node(b)]
        )
        routing.AddDimension(travel, HORIZON, HORIZON, False, "time")
        time = routing.GetDimensionOrDie("time")
        for location, (open_s, close_s) in enumerate(windows):
            if location != depot:
                time.CumulVar(manager.NodeToIndex(location)).SetRange(open_s, min(close_s, HORIZON))
        for vehicle in range(vehicles):
            open_s, close_s = windows[depot]
            time.CumulVar(routing.Start(vehicle)).SetRange(open_s, open_s)
            time.CumulVar(routing.End(vehicle)).SetRange(open_s, min(close_s, HORIZON))

    # A customer may be dropped at a prohibitive price, so tight windows still give an answer
    # (reported as not serving everyone) instead of none.
    for location in range(size):
        if location != depot:
            routing.AddDisjunction([manager.NodeToIndex(location)], DROP_PENALTY)

    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.PARALLEL_CHEAPEST_INSERTION
        if windows is not None
        else routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    )
    parameters.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    parameters.time_limit.FromMilliseconds(max(1, int(request["seconds"] * 1000)))
    solution = routing.SolveWithParameters(parameters)
    if solution is None:
        return {"distance": 0, "vehicles": 0, "served": 0}

    total, used, served = 0, 0, 0
    for vehicle in range(vehicles):
        index = routing.Start(vehicle)
        stops = 0
        while not routing.IsEnd(index):
            following = solution.Value(routing.NextVar(index))
            total += distances[node(index)][node(following)]
            index = following
            stops += 1
        if stops > 1:
            used += 1
            served += stops - 1
    return {"distance": total, "vehicles": used, "served": served}


if __name__ == "__main__":
    print(json.dumps(solve(json.load(sys.stdin))))
