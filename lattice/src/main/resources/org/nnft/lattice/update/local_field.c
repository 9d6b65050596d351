/* Local field J_x of the checkerboard kernels; twin of LocalField.at (Java), same summation order. */
DEVICE double lattice_local_field(GLOBAL const double* field, GLOBAL const int* nbr, GLOBAL const double* hop,
                                  int x, int coord) {
    int k0 = x * coord;
    double j = 0.0;
    for (int k = 0; k < coord; k++) {
        j += hop[k0 + k] * field[nbr[k0 + k]];
    }
    return j;
}
